/* DhakaCart: small enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Checkout: the summary follows the chosen delivery zone without a round trip. */
  var zoneInputs = document.querySelectorAll(".checkout-form input[name=delivery_zone]");
  if (zoneInputs.length) {
    var updateButton = document.querySelector(".update-total");
    if (updateButton) updateButton.remove();
    var showZone = function (input) {
      var label = input.closest("label");
      document.querySelector(".summary-zone").textContent = label.dataset.zone;
      document.querySelector(".summary-fee").textContent = label.dataset.fee;
      document.querySelector(".summary-total-amount").textContent = label.dataset.total;
    };
    zoneInputs.forEach(function (input) {
      input.addEventListener("change", function () { showZone(input); });
    });
  }

  /* Product cards: add to the cart and stay where you are in the list. */
  var status = document.createElement("div");
  var hideLater = null;
  status.className = "container messages toast";
  status.setAttribute("role", "status");
  var cardForms = document.querySelectorAll("form.card-add");
  if (cardForms.length) document.body.appendChild(status);
  cardForms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var answer = new DOMParser().parseFromString(html, "text/html");
          var count = answer.querySelector(".cart-count");
          var messages = answer.querySelector(".messages");
          if (count) document.querySelector(".cart-count").textContent = count.textContent;
          status.innerHTML = messages ? messages.innerHTML : "";
          clearTimeout(hideLater);
          hideLater = setTimeout(function () { status.innerHTML = ""; }, 5000);
          button.disabled = false;
        })
        .catch(function () { form.submit(); });
    });
  });
})();
