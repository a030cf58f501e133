// lib.mjs — what the browser journeys share: the TAP-like counting, the browser and its
// contexts, moving through pages as a keyboard user, signing in (password, then a TOTP
// code), and the per-state checks (no overflow at 320 px, axe).
//
// journeys.mjs, editing.mjs, proposals.mjs, seminars.mjs and phone.mjs import it; a11y.mjs
// keeps its own, as it checks pages one by one rather than walking them. Each script calls
// useBase() with the server's address before anything opens a page, and finish() last, which
// prints "1..N" and "browser: N passed, N failed" and exits 1 on any failure: run.sh reads
// those lines.

import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.SAMVERKA_CHROMIUM || '/usr/bin/chromium';
// WCAG 2.0/2.1 A and AA, as in a11y.mjs
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };
export const LANGS = ['sv', 'en'];

/* ------------------------------------------------------------------ counting */

let n = 0;
let passed = 0;
let failed = 0;

export function diag(text) {
    // Playwright's call logs carry terminal colours; TAP diagnostics are plain text
    // eslint-disable-next-line no-control-regex
    for (const line of String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n'))
        console.log(`# ${line}`);
}

// One test point: ok when fn returns without throwing; a thrown message is the diagnostic.
// Returns whether it passed, so that a step others depend on can stop them.
export async function check(name, fn) {
    n++;
    try {
        await fn();
        passed++;
        console.log(`ok ${n} - ${name}`);
        return true;
    } catch (e) {
        failed++;
        console.log(`not ok ${n} - ${name}`);
        diag(e && e.message ? e.message : e);
        return false;
    }
}

// A failure outside any test point (the run itself broke): counted, with its stack.
export function broke(e) {
    n++;
    failed++;
    console.log(`not ok ${n} - the test run itself`);
    diag(e && e.stack ? e.stack : e);
}

// The wrong arguments: one failure and the summary, before anything ran.
export function usage(text) {
    console.log(`not ok 1 - usage: ${text}`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
}

export function finish() {
    console.log(`1..${n}`);
    console.log(`browser: ${passed} passed, ${failed} failed`);
    if (failed > 0)
        process.exit(1);
}

export function assert(cond, message) {
    if (!cond)
        throw new Error(message);
}

/* ------------------------------------------------------------------ the browser */

let base = '';

// The server's address (http://HOST:PORT, no trailing slash) that open() goes to; false when
// it is not one.
export function useBase(arg) {
    base = (arg || '').replace(/\/+$/, '');
    return /^https?:\/\/[^/]+$/.test(base);
}

export function baseUrl() {
    return base;
}

export async function launch() {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ],
    });
}

// A context of a Swedish browser, as in a11y.mjs (a page without ?lang= is the Swedish
// default): without script for the journeys, with script and the CSP bypassed for axe.
export async function newContext(browser, js) {
    const options = { locale: 'sv-SE', viewport: DESKTOP, javaScriptEnabled: js };
    if (js)
        options.bypassCSP = true;
    const c = await browser.newContext(options);
    c.setDefaultTimeout(10000);
    c.setDefaultNavigationTimeout(15000);
    return c;
}

// Copy the session of a no-JS context into the axe context, so that axe sees the pages as
// the person signed in there does.
export async function carrySession(from, to) {
    const cookies = await from.cookies(base);
    assert(cookies.some((c) => /samverka_session$/.test(c.name)),
        `the no-JS context holds no session cookie (${cookies.map((c) => c.name).join(', ') || 'none'})`);
    await to.addCookies(cookies);
}

/* ------------------------------------------------------------------ pages */

export function withLang(path, lang) {
    if (lang === 'sv')
        return path;
    return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang;
}

export async function open(page, path) {
    const resp = await page.goto(base + path);
    assert(resp, `no response for ${path}`);
    return resp;
}

// Run action, which makes the page navigate (a form submitted, a link followed), and return
// the response of the page that ends up shown: after a 303, the page redirected to.
export async function navigating(page, action) {
    const [resp] = await Promise.all([page.waitForNavigation(), action()]);
    assert(resp, 'the page did not navigate');
    return resp;
}

export function where(page) {
    const u = new URL(page.url());
    return u.pathname + u.search;
}

export function expectPage(page, resp, status, path) {
    assert(resp.status() === status, `${where(page)} answered ${resp.status()}, expected ${status}`);
    if (path !== undefined)
        assert(where(page) === path, `the browser is on ${where(page)}, expected ${path}`);
}

// Move focus with the Tab key until it is on the element, as a keyboard user does; fails if
// the element cannot be reached that way.
export async function tabTo(page, locator) {
    const target = await locator.elementHandle();
    assert(target, 'no such element to tab to');
    for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await target.evaluate((el) => el === document.activeElement))
            return;
    }
    throw new Error('the element cannot be reached with the Tab key');
}

// Submit a form as a keyboard user: Tab to its button, press Enter.
export async function submitByKeyboard(page, locator) {
    await tabTo(page, locator);
    return navigating(page, () => page.keyboard.press('Enter'));
}

export async function h1(page) {
    return (await page.locator('h1').innerText()).trim();
}

export async function title(page) {
    return page.evaluate(() => document.title);
}

export async function header(page) {
    return page.evaluate(() => {
        const h = document.querySelector('header');
        return h ? h.innerText : '';
    });
}

const SIGN_OUT = { sv: 'Logga ut', en: 'Sign out' };

export function signOutButton(page, lang) {
    return page.locator('header').getByRole('button', { name: SIGN_OUT[lang], exact: true });
}

/* ------------------------------------------------------------------ signing in */

// RFC 6238 with SHA-1, 6 digits and 30 s steps, the key in base32 (RFC 4648).
export function totp(secret, step) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const c of secret.replace(/=+$/, ''))
        bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
    const key = [];
    for (let i = 0; i + 8 <= bits.length; i += 8)
        key.push(parseInt(bits.slice(i, i + 8), 2));
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = createHmac('sha1', Buffer.from(key)).update(counter).digest();
    const at = mac[mac.length - 1] & 15;
    return String((mac.readUInt32BE(at) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The password step of signing in as account ({ email, password }), Enter pressed in the
// password field; returns the response: /account, or the code step's page (the same
// address as the sign-in page, a new form) for an account with a second factor.
export async function passwordStep(page, account, lang) {
    const form = 'main form[action^="/account/sign-in"]';
    await open(page, withLang('/account/sign-in', lang));
    await page.locator(`${form} input[name="email"]`).fill(account.email);
    await page.locator(`${form} input[name="password"]`).fill(account.password);
    return navigating(page, () => page.locator(`${form} input[name="password"]`).press('Enter'));
}

// The code step: the TOTP code of secret typed into the field labelled codeLabel, Enter
// pressed; returns the response. A code is taken once: when this step's was used (the suite
// run twice within 30 s), the next step's is still good.
export async function codeStep(page, secret, codeLabel) {
    const code = page.locator('main').getByLabel(codeLabel, { exact: true });
    const step = Math.floor(Date.now() / 30000);
    let resp = null;
    for (const s of [step, step + 1]) {
        await code.fill(totp(secret, s));
        resp = await navigating(page, () => code.press('Enter'));
        if (resp.status() !== 422)
            break;
    }
    return resp;
}

/* ------------------------------------------------------------------ per-state checks */

// No horizontal scrolling at viewport's width; on failure, name the outermost elements that
// stick out (and the innermost one inside each that does).
export async function noOverflow(page, viewport) {
    await page.setViewportSize(viewport);
    try {
        const o = await page.evaluate(() => {
            const de = document.documentElement;
            const limit = de.clientWidth + 1;
            const out = { scroll: de.scrollWidth, client: de.clientWidth, wide: [] };
            if (de.scrollWidth <= limit)
                return out;
            // Name where to look: the outermost elements whose box or text sticks out,
            // leaving out what sits in a scrolling box (a wide table in its wrapper is fine).
            const clipped = (el) => {
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
                    if (getComputedStyle(a).overflowX !== 'visible')
                        return true;
                return false;
            };
            const sticksOut = (el) => {
                const r = el.getBoundingClientRect();
                return r.width > 0 && (r.right > limit || r.left + el.scrollWidth > limit);
            };
            for (const el of document.body.querySelectorAll('*')) {
                if (!sticksOut(el) || clipped(el))
                    continue;
                if (el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)
                    && !clipped(el.parentElement))
                    continue;
                let inner = el;
                for (;;) {
                    const next = [...inner.children].find((c) => sticksOut(c));
                    if (!next)
                        break;
                    inner = next;
                }
                const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + [...e.classList].map((c) => '.' + c).join('')
                    + ` (right edge ${Math.round(e.getBoundingClientRect().left + e.scrollWidth)}px)`;
                out.wide.push(describe(el) + (inner !== el ? ` via ${describe(inner)}` : ''));
                if (out.wide.length >= 5)
                    break;
            }
            return out;
        });
        assert(o.scroll <= o.client + 1, `at ${viewport.width}px: scrollWidth ${o.scroll} > ` +
            `clientWidth ${o.client}; sticking out: ${o.wide.join(', ')}`);
    } finally {
        await page.setViewportSize(DESKTOP);
    }
}

// axe-core in the page (which must allow script): any violation fails, with up to three
// elements of each rule named.
export async function axe(page) {
    await page.addScriptTag({ path: AXE_PATH });
    const res = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            count: v.nodes.length,
            targets: v.nodes.slice(0, 3).map((node) => ({
                target: node.target.join(' '),
                html: node.html.length > 160 ? node.html.slice(0, 157) + '...' : node.html,
            })),
        }));
    }, AXE_TAGS);
    if (res.length) {
        const lines = [];
        for (const v of res) {
            lines.push(`${v.id} (${v.impact}): ${v.help} — ${v.count} element(s)`);
            for (const t of v.targets)
                lines.push(`    ${t.target}  ${t.html}`);
        }
        throw new Error(`${res.length} axe violation(s) on ${where(page)}:\n${lines.join('\n')}`);
    }
}

// One state of a page, three test points: reach it (reach returns the response) and check it
// is the state named (status, and shows = { what, test } when given); then no overflow at
// 320 px and no axe violation, each failing without being tried when the state was not
// reached.
export async function state(page, label, reach, status, shows) {
    let ok = false;
    await check(`${label}: status ${status}${shows ? ', ' + shows.what : ''}`, async () => {
        const resp = await reach();
        expectPage(page, resp, status);
        if (shows)
            assert(await shows.test(), `${where(page)} does not show ${shows.what}`);
        ok = true;
    });
    await check(`${label}: no overflow at ${NARROW.width}px`, async () => {
        assert(ok, 'the state was not reached');
        await noOverflow(page, NARROW);
    });
    await check(`${label}: axe`, async () => {
        assert(ok, 'the state was not reached');
        await axe(page);
    });
    return ok;
}
