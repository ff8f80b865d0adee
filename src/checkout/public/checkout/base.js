/*
 * Tijori checkout.js: Razorpay's Checkout for the Tijori sandbox. A page written for Razorpay works
 * unchanged once its <script src> points here. Served by Tijori; it loads nothing from elsewhere.
 *
 *   var rzp = new Razorpay(options); rzp.on('payment.failed', fn); rzp.open(); rzp.close()
 *   rzp.once('ready', function (prefs) { rzp.methods.netbanking; rzp.methods.emi_plans })
 *   Razorpay.emi.calculator(10000, 12, 9) === 874
 *   <form action="/purchase" method="POST"><script src=".../checkout.js" data-key="…" data-amount="…"></script></form>
 *
 * The checkout itself runs in an iframe served by Tijori (/checkout/embedded); this script opens it
 * as a modal and talks to it with postMessage, checking the origin of every message both ways.
 *
 * Source: the files of src/checkout/public/checkout/, joined in order inside one function scope by
 * src/checkout/assets.ts (so they share these names without globals).
 */
// Where this script was loaded from: the Tijori that serves the checkout page and its API.
var VERSION = '1.0.0'
var FALLBACK_ORIGIN = "__TIJORI_ORIGIN__" // replaced by the server with its own origin

function scriptTag() {
  if (document.currentScript) return document.currentScript
  var all = document.getElementsByTagName('script')
  for (var i = all.length - 1; i >= 0; i--) if (/checkout\.js([?#]|$)/.test(all[i].src || '')) return all[i]
  return null
}

var currentScript = scriptTag()

function originOf(src) {
  try {
    return new URL(src, window.location.href).origin
  } catch (e) {
    return null
  }
}

var BASE = (currentScript && currentScript.src && originOf(currentScript.src)) || FALLBACK_ORIGIN
