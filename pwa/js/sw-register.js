// Registers /sw.js and offers a waiting update through the banner in the page
// header (#update-banner); "Neu laden" activates it and reloads once.

export function registerServiceWorker() {
  const banner = document.getElementById('update-banner');
  let reloading = false;
  let accepted = false;

  const offer = (worker) => {
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector('button').addEventListener('click', () => {
      accepted = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
    }, { once: true });
  };

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!accepted || reloading) return; // the first install takes control silently
    reloading = true;
    location.reload();
  });

  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch(() => {
    // no offline support (private mode, unsupported): the site works without it
  });
}
