// Progressive enhancement only: every page works without it (links and submit buttons).
// [data-load]: fetch an HTML fragment into the element (the stores' counts, loaded lazily).
// [data-autosubmit]: a select that submits its form when changed.
// form[data-confirm]: ask before a destructive submit.
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("[data-load]")) {
    fetch(el.dataset.load, { credentials: "same-origin" })
      .then((r) => r.text())
      .then((html) => { el.innerHTML = html; el.setAttribute("data-loaded", "true"); })
      .catch(() => { el.textContent = "Could not load."; });
  }
  for (const el of document.querySelectorAll("select[data-autosubmit]")) {
    el.addEventListener("change", () => el.form.submit());
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (e) => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
  }
});
