// The Razorpay constructor: options, preferences (`ready`), open / close, messages from the checkout page.
var instances = 0

function Razorpay(options) {
  if (!(this instanceof Razorpay)) return new Razorpay(options)
  this.options = normalizeOptions(options)
  this.id = 'rzp' + ++instances + '_' + Math.random().toString(36).slice(2, 10)
  this._events = {}
  this._prefs = null
  this.methods = null
  this.isOpen = false
  this._loadPreferences()
}

Razorpay.prototype = Object.create(Emitter.prototype)
Razorpay.prototype.constructor = Razorpay

Razorpay.prototype._loadPreferences = function () {
  var self = this
  if (typeof window.fetch !== 'function') return
  var q = '?key_id=' + encodeURIComponent(this.options.key)
  if (this.options.order_id) q += '&order_id=' + encodeURIComponent(this.options.order_id)
  window
    .fetch(BASE + '/v1/checkout/preferences' + q, { credentials: 'omit' })
    .then(function (r) { return r.json() })
    .then(function (prefs) {
      if (!prefs || !prefs.methods) return
      self._prefs = prefs
      self.methods = prefs.methods
      self.emit('ready', prefs)
    })
    .catch(function () { /* the modal shows the problem when opened */ })
}

/** `ready` listeners added after the preferences arrived still get called. */
Razorpay.prototype._replayReady = function () {
  var self = this
  if (!this._prefs) return
  setTimeout(function () { if (self._prefs) self.emit('ready', self._prefs) }, 0)
}

Razorpay.prototype.open = function () {
  if (this.isOpen) return this
  this.isOpen = true
  this._completed = false
  this._returnFocus = document.activeElement
  buildModal(this)
  var self = this
  if (this.options.timeout) this._timer = setTimeout(function () { self._dismiss() }, this.options.timeout * 1000)
  return this
}

/** Closes the modal. Without a completed payment this is a dismissal: modal.ondismiss runs. */
Razorpay.prototype.close = function () {
  if (!this.isOpen) return this
  this.isOpen = false
  clearTimeout(this._timer)
  teardown(this)
  if (!this._completed && typeof this.options.modal.ondismiss === 'function') {
    try {
      this.options.modal.ondismiss()
    } catch (e) {
      setTimeout(function () { throw e })
    }
  }
  return this
}

Razorpay.prototype._dismiss = function () {
  this.close()
}

Razorpay.prototype._onMessage = function (msg) {
  var o = this.options
  switch (msg.type) {
    case 'loaded':
      post(this, { type: 'options', options: frameOptions(o, window.location.href) })
      break
    case 'success':
      this._completed = true
      this.close()
      if (o.callback_url) redirectPost(o.callback_url, msg.response)
      else if (typeof o.handler === 'function') o.handler.call(this, msg.response)
      break
    case 'failed':
      this.emit('payment.failed', { error: msg.error })
      if (o.redirect && o.callback_url) {
        this._completed = true
        this.close()
        redirectPost(o.callback_url, errorFields(msg.error))
      }
      break
    case 'dismiss':
      this._dismiss()
      break
    case 'escape':
      if (o.modal.escape !== false) this._dismiss()
      break
  }
}
