export const paymentRoutes = []
