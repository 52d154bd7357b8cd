/* migbook: check a lesson question's answer in the page, with the tolerance the live lesson uses.
   Each .migbook-question carries its answer, tolerance, unit and texts as data attributes (the same
   answer the page already shows behind "Show the answer"). The form is hidden until this script runs,
   so without scripts a reader still has the question and the worked answer. Under each question a tally
   counts the page's questions answered and right, in the live lesson's words. Nothing leaves the page. */
(function () {
  "use strict";

  // "1,234.5", " 0.43 ", "−2" (a typographic minus) and "1e3" all read as numbers; anything else does not.
  function parse(text) {
    const cleaned = text.trim().replace(/[\u2212\u2013]/g, "-").replace(/[,\s\u00a0\u202f]/g, "");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
      return NaN;
    }
    return Number(cleaned);
  }

  function formatted(value) {
    return value.toLocaleString("en", { maximumSignificantDigits: 4 });
  }

  // The page's verdicts by question (its latest answer counts), and the tally shown under every question.
  const verdicts = new Map();
  const tallies = [];

  function showTally() {
    let right = 0;
    verdicts.forEach(function (isRight) { right += isRight ? 1 : 0; });
    const text = "Questions answered: " + verdicts.size + " of " + tallies.length + ", right: " + right;
    tallies.forEach(function (tally) { tally.textContent = text; });
  }

  function addTally(form) {
    const tally = document.createElement("p");
    tally.className = "migbook-tally-text";
    form.appendChild(tally);  // inside the form: hidden with it when scripts do not run
    tallies.push(tally);
  }

  function enhance(question) {
    const form = question.querySelector("form.migbook-check");
    const input = form.querySelector("input");
    const feedback = form.querySelector(".migbook-feedback");
    const answer = Number(question.dataset.answer);
    const tolerance = Number(question.dataset.tolerance);
    const unit = question.dataset.unit ? " " + question.dataset.unit : "";
    form.hidden = false;
    addTally(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const value = parse(input.value);
      let text;
      let kind;
      if (Number.isNaN(value)) {
        text = "Please type a number, for example 0.43 or 1,250.";
        kind = "wrong";
      } else if (Math.abs(value - answer) <= tolerance) {
        text = "Right: " + question.dataset.answerText + ". " + question.dataset.explanation;
        kind = "right";
      } else {
        text = ("Not yet: " + formatted(value) + unit + " is off. " + question.dataset.hint).trim();
        kind = "wrong";
      }
      if (!Number.isNaN(value)) {
        verdicts.set(question, kind === "right");
        showTally();
      }
      feedback.className = "migbook-feedback migbook-feedback-" + kind;
      feedback.textContent = text;
      input.setAttribute("aria-invalid", kind === "wrong" ? "true" : "false");
    });
  }

  function start() {
    document.querySelectorAll(".migbook-question").forEach(enhance);
    showTally();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
