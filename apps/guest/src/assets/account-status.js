// Pages the edge caches for everyone hold nothing personal: they link to the login form.
// This asks the private status endpoint who is signed in and, for a member, turns that link
// into their account link. Without script (or on any failure) the login link stays, and it
// still leads a signed-in member to their account.
(() => {
  const link = document.querySelector('a[data-account-link="login"]');
  if (!link) return;
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
