export const refundRoutes = []
