/*
 * Guided entry of a convention: autosave through htmx, hooked on data- attributes.
 *
 * - An element marked data-autosave="<cible>" (a fieldset of step fields, a table row)
 *   posts itself through htmx (hx-post, hx-trigger with a delay). Each request carries
 *   _client (this page) and _seq (a counter); the server drops a save whose number is not
 *   above the last one it applied, and this script ignores any response older than the
 *   latest request sent for the same target: a slow, stale answer never overwrites newer
 *   input, and what the user keeps typing is never replaced.
 * - Error messages come back as out-of-band fragments; the inputs they describe get
 *   aria-invalid and the DSFR error class here.
 * - Without JavaScript the same form posts as a whole with its submit buttons.
 */
(function () {
  "use strict";

  var counter = 0;
  var latest = {};
  var pending = {};
  var client = null;

  function pageClient() {
    if (client) return client;
    var holder = document.querySelector("[data-autosave-client]");
    client = holder ? holder.getAttribute("data-autosave-client") : "";
    return client;
  }

  function statusRegion() {
    return document.getElementById("autosave-status");
  }

  function say(text) {
    var region = statusRegion();
    if (region) region.textContent = text;
  }

  function scopeOf(elt) {
    return elt && elt.closest ? elt.closest("[data-autosave]") : null;
  }

  document.addEventListener("htmx:configRequest", function (evt) {
    var scope = scopeOf(evt.detail.elt);
    if (!scope) return;
    var cible = scope.getAttribute("data-autosave");
    counter += 1;
    latest[cible] = counter;
    pending[cible] = true;
    evt.detail.parameters["_client"] = pageClient();
    evt.detail.parameters["_seq"] = String(counter);
    evt.detail.parameters["_cible"] = cible;
    say("Enregistrement en cours…");
  });

  document.addEventListener("htmx:beforeSwap", function (evt) {
    var xhr = evt.detail.xhr;
    var cible = xhr.getResponseHeader("X-Saisie-Cible");
    if (!cible) return;
    var seq = parseInt(xhr.getResponseHeader("X-Saisie-Seq") || "0", 10);
    if (seq < (latest[cible] || 0)) {
      // An answer to an older save: the newer one is on its way.
      evt.detail.shouldSwap = false;
      return;
    }
    pending[cible] = false;
    if (xhr.status === 409 || xhr.status === 403 || xhr.status === 422) {
      // Refusals carry their explanation as out-of-band fragments.
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (evt) {
    if (!scopeOf(evt.detail.elt)) return;
    say(
      "Vos dernières modifications n'ont pas pu être enregistrées (erreur du serveur). " +
        "Utilisez le bouton « Enregistrer » en bas de la page."
    );
  });

  document.addEventListener("htmx:sendError", function (evt) {
    if (!scopeOf(evt.detail.elt)) return;
    say(
      "Connexion perdue : vos dernières modifications ne sont pas enregistrées. " +
        "Elles le seront à la prochaine saisie, ou avec le bouton « Enregistrer »."
    );
  });

  // Keep inputs in step with the error messages that describe them.
  function syncErrors(root) {
    var groups = (root || document).querySelectorAll("[data-messages-for]");
    groups.forEach(function (group) {
      var input = document.getElementById(group.getAttribute("data-messages-for"));
      if (!input || !/^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName)) return;
      var hasError = group.querySelector(".fr-message--error") !== null;
      if (hasError) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
      var wrapper = input.closest(".fr-input-group, .fr-select-group");
      if (wrapper) {
        var css = wrapper.classList.contains("fr-select-group")
          ? "fr-select-group--error"
          : "fr-input-group--error";
        wrapper.classList.toggle(css, hasError);
      }
    });
  }

  document.addEventListener("htmx:afterSettle", function () {
    syncErrors(document);
  });

  // Rows added or duplicated through htmx: move the focus to their first cell.
  document.addEventListener("htmx:afterSwap", function (evt) {
    var target = evt.detail.target;
    if (!target || !target.querySelectorAll) return;
    var fresh = target.querySelectorAll("[data-focus-on-insert]");
    var row = fresh.length ? fresh[fresh.length - 1] : null;
    if (row) {
      row.removeAttribute("data-focus-on-insert");
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    }
  });

  // A link of the pre-submission report can target a row on another page of a table:
  // once there, the browser scrolls to the anchor; focus the field too.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && target.focus) target.focus();
    }
    syncErrors(document);
  });

  // Confirmation of destructive buttons (no inline script): data-confirm="question".
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest("[data-confirm]") : null;
    if (!button || button.hasAttribute("hx-post")) return;
    if (!window.confirm(button.getAttribute("data-confirm"))) evt.preventDefault();
  });

  // Leaving the page while a save is pending: warn.
  window.addEventListener("beforeunload", function (evt) {
    var waiting = Object.keys(pending).some(function (key) {
      return pending[key];
    });
    if (waiting) {
      evt.preventDefault();
      evt.returnValue = "";
    }
  });
})();
