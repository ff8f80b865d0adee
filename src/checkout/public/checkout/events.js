// on / once / off / emit; `ready` listeners added late are replayed.
function Emitter() {}
Emitter.prototype.on = function (event, fn) {
  if (typeof fn !== 'function') return this
  ;(this._events[event] = this._events[event] || []).push({ fn: fn, once: false })
  if (event === 'ready') this._replayReady()
  return this
}
Emitter.prototype.once = function (event, fn) {
  if (typeof fn !== 'function') return this
  ;(this._events[event] = this._events[event] || []).push({ fn: fn, once: true })
  if (event === 'ready') this._replayReady()
  return this
}
Emitter.prototype.off = function (event, fn) {
  if (!event) this._events = {}
  else if (!fn) delete this._events[event]
  else this._events[event] = (this._events[event] || []).filter(function (l) { return l.fn !== fn })
  return this
}
Emitter.prototype.emit = function (event, arg) {
  var list = (this._events[event] || []).slice()
  this._events[event] = (this._events[event] || []).filter(function (l) { return !l.once })
  for (var i = 0; i < list.length; i++) {
    try {
      list[i].fn.call(this, arg)
    } catch (e) {
      setTimeout(function () { throw e })
    }
  }
}
