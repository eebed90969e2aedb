// Pages the edge caches for everyone hold nothing personal: they link to the login form.
// For a browser whose hint cookie (hatago_signed_in, set beside the member session; see
// signed-in-hint.ts) says it is signed in, this asks the private status endpoint who it is and
// turns that link into their account link. Without the hint it asks nothing: an anonymous page
// view the edge serves from its cache reaches no app. Without script (or on any failure) the
// login link stays, and it still leads a signed-in member to their account.
(() => {
  const link = document.querySelector('a[data-account-link="login"]');
  if (!link) return;
  if (!document.cookie.split(';').some((pair) => pair.trim() === 'hatago_signed_in=1')) return;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
  fetch(lang === 'en' ? '/account/status?lang=en' : '/account/status', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : undefined))
    .then((status) => {
      if (!status || status.signedIn !== true || typeof status.label !== 'string' || typeof status.href !== 'string') return;
      link.textContent = status.label;
      link.setAttribute('href', status.href);
      link.setAttribute('data-account-link', 'member');
    })
    .catch(() => undefined);
})();
