vcl 4.1;
# Varnish in front of Sahifa (Debian: apt-get install varnish varnish-modules).
# docs/deploy.md shows where it goes; in short:
#   - keeps what the site marks public (Cache-Control s-maxage), for that long;
#   - serves a stale copy while it fetches a new one (stale-while-revalidate) and while
#     the app servers fail (stale-if-error);
#   - drops every page that carries a surrogate key when the site sends
#     `PURGE /` with `xkey-purge: <keys>` (SAHIFA_PURGE_URLS), from the addresses below;
#   - passes the newsroom and logged-in editors straight to the app.

import directors;
import std;
import xkey;

# BEGIN backends: the app servers (`sahifa serve`), one `backend` and one `add_backend`
# line each. The probe takes a server out of rotation while it does not answer.
probe sahifa_alive {
    .url = "/favicon.ico";  # served without the database
    .timeout = 2s;
    .interval = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = sahifa_alive;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new sahifa = directors.round_robin();
    sahifa.add_backend(app1);
}
# END backends

# Who may purge: the app servers and their job workers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = sahifa.backend();
    if (req.restarts == 0) {
        # These headers are ours (set below, and kept across restarts); never a client's.
        unset req.http.X-Sahifa-Refresh;
        unset req.http.X-Sahifa-Stale;
        unset req.http.X-Sahifa-Coding;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.xkey-purge) {
            # A hard purge: the next reader gets a fresh render, never the old copy.
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, Django's admin and Wagtail's helpers are never kept.
    if (req.url ~ "^/(admin|django-admin|_util)(/|$)") {
        return (pass);
    }
    # A logged-in editor sees previews and draft states: straight to the app.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anyone else's cookies (analytics, consent) change nothing the site renders.
    unset req.http.Cookie;
    unset req.http.Authorization;

    # Campaign parameters never change a page: one copy for every link that carries them.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|yclid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|yclid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # One stored copy per coding the app makes: Brotli, gzip or none, in that order of
    # preference (a coding with q=0 is refused). The choice is kept in X-Sahifa-Coding,
    # which stored copies vary on (vcl_backend_response) and which asks the app for that
    # coding (vcl_backend_fetch): Varnish's own gzip support (http_gzip_support, on by
    # default) rewrites Accept-Encoding to "gzip" or nothing after this, losing Brotli.
    if (req.restarts == 0) {
        if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|$|;\s*q\s*=\s*(1|0?\.[0-9]*[1-9]))") {
            set req.http.X-Sahifa-Coding = "br";
        } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(,|$|;\s*q\s*=\s*(1|0?\.[0-9]*[1-9]))") {
            set req.http.X-Sahifa-Coding = "gzip";
        }
    }
    if (req.http.X-Sahifa-Coding) {
        set req.http.Accept-Encoding = req.http.X-Sahifa-Coding;
    } else {
        unset req.http.Accept-Encoding;
    }

    if (req.http.X-Sahifa-Refresh && !req.http.X-Sahifa-Stale) {
        # The copy is past its stale-while-revalidate time: fetch now, and keep the new one.
        set req.hash_always_miss = true;
    }
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s || req.http.X-Sahifa-Stale) {
        return (deliver);
    }
    # Stale, within stale-while-revalidate: serve it, Varnish fetches a new one behind.
    if (obj.ttl + std.duration(obj.http.X-Sahifa-SWR + "s", 0s) > 0s) {
        return (deliver);
    }
    # Past it (only stale-if-error time is left): serve it only while the app fails.
    if (!std.healthy(req.backend_hint)) {
        return (deliver);
    }
    set req.http.X-Sahifa-Refresh = "1";
    return (restart);
}

sub vcl_backend_fetch {
    # Ask the app for the client's coding (Varnish's gzip support asked for gzip). A
    # pass from vcl_recv (editors, the newsroom) goes with the client's own header.
    if (bereq.http.X-Sahifa-Coding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Sahifa-Coding;
    } elsif (!bereq.uncacheable) {
        unset bereq.http.Accept-Encoding;
    }
}

sub vcl_backend_response {
    # Copies vary on the coding chosen in vcl_recv, not on the header Varnish rewrites:
    # a Brotli, a gzip and a plain copy of a page, each carrying the page's keys (a purge
    # by key drops all three). Clients are told Accept-Encoding again (vcl_deliver).
    if (beresp.http.Vary ~ "(?i)accept-encoding") {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)accept-encoding", "X-Sahifa-Coding");
    }
    # An answer that failed while a stale copy can still stand in: keep that copy.
    if (beresp.status >= 500 && (bereq.is_bgfetch || (bereq.http.X-Sahifa-Refresh && !bereq.http.X-Sahifa-Stale))) {
        return (abandon);
    }
    # Only what the site marks public (s-maxage or max-age, no private/no-store) is kept.
    if (!beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)="
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish took the lifetime from s-maxage; stale-while-revalidate and stale-if-error
    # decide how long a stale copy may be served (beresp.grace covers the longer).
    set beresp.http.X-Sahifa-SWR = regsub(beresp.http.Cache-Control,
        "^.*stale-while-revalidate=([0-9]+).*$", "\1");
    if (beresp.http.X-Sahifa-SWR !~ "^[0-9]+$") {
        set beresp.http.X-Sahifa-SWR = "0";
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    if (beresp.grace < std.duration(beresp.http.X-Sahifa-SWR + "s", 0s)) {
        set beresp.grace = std.duration(beresp.http.X-Sahifa-SWR + "s", 0s);
    }
    # xkey indexes the object by the `xkey` header; the site also names the keys in
    # Surrogate-Key (the CDN convention).
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Browsers follow the site's max-age; shared caches after this one get none of ours.
    return (deliver);
}

sub vcl_deliver {
    # The app failed to give a new copy: go back for the stale one (stale-if-error).
    if (resp.status >= 500 && req.http.X-Sahifa-Refresh && !req.http.X-Sahifa-Stale
        && req.restarts < 3) {
        set req.http.X-Sahifa-Stale = "1";
        return (restart);
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    if (req.http.X-Sahifa-Stale || (obj.hits > 0 && obj.ttl < 0s)) {
        set resp.http.X-Cache = resp.http.X-Cache + " stale";
    }
    if (resp.http.Vary) {
        set resp.http.Vary = regsuball(resp.http.Vary, "X-Sahifa-Coding", "Accept-Encoding");
    }
    unset resp.http.xkey;
    unset resp.http.X-Sahifa-SWR;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_backend_error {
    # The app could not be reached: keep the stale copy rather than an error.
    if (bereq.is_bgfetch || (bereq.http.X-Sahifa-Refresh && !bereq.http.X-Sahifa-Stale)) {
        return (abandon);
    }
}

sub vcl_synth {
    # An abandoned refresh (above) ends here: go back for the stale copy (stale-if-error).
    if (resp.status == 503 && req.http.X-Sahifa-Refresh && !req.http.X-Sahifa-Stale
        && req.restarts < 3) {
        set req.http.X-Sahifa-Stale = "1";
        return (restart);
    }
}
