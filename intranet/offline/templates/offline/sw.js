// The intranet's service worker, served at /sw.js by intranet.offline.views so
// that it controls the whole site. It keeps the pages a person reads for reading
// offline and follows the rule in intranet/offline/policy.py, which writes CONFIG
// below: pages come from the network first and from the stored copy only when
// the network does not answer; hashed static files from the cache first.
// It shows no text of its own: the «Du er frakoblet» notice is in every page
// (hidden) and the offline page is rendered by Django, both translated there.
"use strict";

const CONFIG = {{ config|safe }};
const SAVED_AT = "X-Offline-Saved-At";
// collectstatic's hashed names (app.0123456789ab.css) never change content.
const HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
// The notice's tag, whose `hidden` a stored copy loses.
const NOTICE = /<[^>]*\sdata-offline-notice(?=[\s>=])[^>]*>/;

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    if (!url.pathname.startsWith("/admin/")) {
      event.respondWith(navigate(event, url));
    }
  } else if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(event, url));
  }
});

async function install() {
  // Fetched with the person's login; a worker installed without one fails to
  // install, as it should. A redirect (to the login page) is not followed: the
  // login page would give the browser a new CSRF cookie behind the back of a
  // login form open at the same time, and its login would be refused.
  const ownRequest = { credentials: "same-origin", redirect: "manual" };
  const offline = await fetch(CONFIG.offlineUrl, ownRequest);
  if (!worthKeeping(offline)) {
    throw new Error("The offline page is not available");
  }
  // The stylesheets, scripts and icons the offline page uses (every page's),
  // whatever base.html links to now.
  const html = await offline.clone().text();
  const shell = new Set();
  for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
    const url = new URL(match[1].replaceAll("&amp;", "&"), self.location.href);
    if (url.origin === self.location.origin && url.pathname.startsWith(CONFIG.staticUrl)) {
      shell.add(url.href);
    }
  }
  await caches.delete(CONFIG.shellCache);
  await (await caches.open(CONFIG.shellCache)).addAll([...shell]);
  await keepPage(CONFIG.offlineUrl, offline);
  const start = await fetch(CONFIG.startUrl, ownRequest);
  if (worthKeeping(start)) {
    await keepPage(CONFIG.startUrl, start);
  }
}

function storable(url) {
  return (
    !url.search &&
    !CONFIG.neverStored.some((prefix) => url.pathname.startsWith(prefix))
  );
}

function worthKeeping(response) {
  const type = response.headers.get("Content-Type") || "";
  const cacheControl = response.headers.get("Cache-Control") || "";
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    type.startsWith("text/html") &&
    !/\bno-store\b/.test(cacheControl)
  );
}

async function navigate(event, url) {
  if (url.pathname === CONFIG.loginUrl) {
    // Whoever is sent here is logged out: their pages go.
    await forgetPages();
  }
  const keep = storable(url);
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    return (
      (keep && (await storedCopy(url.pathname))) ||
      (await offlinePage()) ||
      Response.error()
    );
  }
  if (keep && worthKeeping(response)) {
    event.waitUntil(keepPage(url.pathname, response.clone()));
  }
  return response;
}

async function keepPage(path, response) {
  const headers = new Headers(response.headers);
  // The body is stored decoded, and the notice changes its length.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(SAVED_AT, String(Date.now()));
  const copy = new Response(await response.blob(), {
    status: 200,
    statusText: response.statusText,
    headers,
  });
  const cache = await caches.open(CONFIG.pagesCache);
  await cache.put(path, copy);
  await trim(cache, CONFIG.pagesKept, [CONFIG.offlineUrl, CONFIG.startUrl]);
}

async function storedCopy(path) {
  const cache = await caches.open(CONFIG.pagesCache);
  const stored = await cache.match(path, { ignoreVary: true });
  if (!stored) {
    return null;
  }
  // A copy lives no longer than the login it was read under.
  const age = Date.now() - Number(stored.headers.get(SAVED_AT));
  if (!(age >= 0 && age <= CONFIG.maxAgeSeconds * 1000)) {
    await cache.delete(path);
    return null;
  }
  const html = (await stored.text()).replace(NOTICE, (tag) =>
    tag.replace(/\shidden(="[^"]*")?(?=[\s>/])/, ""),
  );
  return new Response(html, { status: 200, headers: stored.headers });
}

async function offlinePage() {
  const cache = await caches.open(CONFIG.pagesCache);
  return cache.match(CONFIG.offlineUrl, { ignoreVary: true });
}

async function forgetPages() {
  await caches.delete(CONFIG.pagesCache);
}

async function staticFile(event, url) {
  if (HASHED.test(url.pathname)) {
    const stored = await caches.match(event.request, { ignoreVary: true });
    if (stored) {
      return stored;
    }
  }
  try {
    const response = await fetch(event.request);
    if (response.status === 200 && response.type === "basic") {
      event.waitUntil(keepStatic(event.request, response.clone()));
    }
    return response;
  } catch (error) {
    const stored = await caches.match(event.request, { ignoreVary: true });
    if (stored) {
      return stored;
    }
    throw error;
  }
}

async function keepStatic(request, response) {
  const cache = await caches.open(CONFIG.staticCache);
  await cache.put(request, response);
  await trim(cache, CONFIG.staticKept, []);
}

// Drops the oldest entries past `limit`; the cache lists them in the order
// they were (last) stored.
async function trim(cache, limit, exempt) {
  const requests = (await cache.keys()).filter(
    (request) => !exempt.includes(new URL(request.url).pathname),
  );
  for (const request of requests.slice(0, Math.max(0, requests.length - limit))) {
    await cache.delete(request);
  }
}
