// a11y.mjs — browser checks of samverka's public pages, in Swedish and English.
//
//   node tests/browser/a11y.mjs http://127.0.0.1:PORT PATH...
//
// The site must work without JavaScript, so the structure and layout checks run in a
// context with JavaScript disabled. axe-core needs script in the page, so it runs in a
// second context with JavaScript enabled and the CSP bypassed (the site's script-src
// 'self' would block the injected axe source; nothing else differs between the two).
//
// The pages to check are the PATH arguments: run.sh passes every page of the route table
// (`samverka routes`, GET routes of kind html) filled with ids of the served database
// (tests/routes.sh), so a new page is checked without editing this file. The 404 page
// is added here.
//
// Output is TAP-like: "ok N - <page> <lang> <check>" / "not ok N - ...", diagnostics as
// "# ..." lines, then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.SAMVERKA_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// 320 px is WCAG 2.1's reflow width (1.4.10): nothing may need horizontal scrolling there.
const VIEWPORTS = [
    { name: 'narrow', width: 320, height: 640 },
    { name: 'phone', width: 375, height: 800 },
    { name: 'desktop', width: 1280, height: 900 },
];
// The pages are loaded, and axe run, at the desktop width; the others are for overflow.
const DESKTOP = VIEWPORTS.find((v) => v.name === 'desktop');
const LANGS = ['sv', 'en'];
const NOT_FOUND_PATH = '/no-such-page-for-the-browser-test';

const base = (process.argv[2] || '').replace(/\/+$/, '');
const paths = process.argv.slice(3);
if (!/^https?:\/\/[^/]+$/.test(base) || paths.length === 0 || !paths.every((p) => p.startsWith('/'))) {
    console.log('not ok 1 - usage: node a11y.mjs http://HOST:PORT PATH...');
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
}

let n = 0;
let passed = 0;
let failed = 0;

function diag(text) {
    for (const line of String(text).split('\n'))
        console.log(`# ${line}`);
}

// One test point: ok when fn returns without throwing; a thrown message is the diagnostic.
async function check(name, fn) {
    n++;
    try {
        await fn();
        passed++;
        console.log(`ok ${n} - ${name}`);
    } catch (e) {
        failed++;
        console.log(`not ok ${n} - ${name}`);
        diag(e && e.message ? e.message : e);
    }
}

function assert(cond, message) {
    if (!cond)
        throw new Error(message);
}

// The page's address in a language: Swedish is the default and needs no parameter.
function withLang(path, lang) {
    if (lang === 'sv')
        return path;
    return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang;
}

const other = (lang) => (lang === 'sv' ? 'en' : 'sv');
const primary = (tag) => String(tag || '').toLowerCase().split('-')[0];

let browser = null;
try {
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ],
    });

    // A Swedish browser, so that a page without ?lang= is the Swedish default even where the
    // server honours Accept-Language (Chromium's own default would ask for English).
    const common = { locale: 'sv-SE', viewport: DESKTOP };
    const nojs = await browser.newContext({ ...common, javaScriptEnabled: false });
    const withjs = await browser.newContext({ ...common, javaScriptEnabled: true, bypassCSP: true });
    for (const c of [nojs, withjs]) {
        c.setDefaultTimeout(10000);
        c.setDefaultNavigationTimeout(15000);
    }
    const page = await nojs.newPage();
    const axePage = await withjs.newPage();

    const pages = paths.map((path) => ({ label: path, path, status: 200 }));
    pages.push({ label: `404 ${NOT_FOUND_PATH}`, path: NOT_FOUND_PATH, status: 404 });

    for (const p of pages) {
        for (const lang of LANGS)
            await checkPage(page, axePage, p, lang);
    }
} catch (e) {
    n++;
    failed++;
    console.log(`not ok ${n} - the test run itself`);
    diag(e && e.stack ? e.stack : e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}

console.log(`1..${n}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
if (failed > 0)
    process.exit(1);

async function checkPage(page, axePage, p, lang) {
    const url = base + withLang(p.path, lang);
    const name = (what) => `${p.label} ${lang} ${what}`;
    let loaded = false;

    // 1. Without JavaScript: status, one h1, html[lang], main, skip link, language switch.
    await page.setViewportSize(DESKTOP);
    await check(name(`status ${p.status}`), async () => {
        const resp = await page.goto(url);
        assert(resp, `no response for ${url}`);
        loaded = true;
        assert(resp.status() === p.status, `status ${resp.status()}, expected ${p.status}`);
    });
    if (!loaded) {
        // The rest would only repeat the load failure; count them once each all the same
        // so the total does not depend on what broke.
        for (const what of ['one h1', 'html lang', 'main landmark', 'skip link',
            ...VIEWPORTS.map((v) => `no overflow at ${v.width}px`), 'language switch', 'axe'])
            await check(name(what), async () => assert(false, 'page did not load'));
        return;
    }
    const facts = await page.evaluate(() => {
        const firstLink = document.body ? document.body.querySelector('a[href]') : null;
        const skipHref = firstLink ? firstLink.getAttribute('href') : null;
        const skipId = skipHref && skipHref.startsWith('#') ? decodeURIComponent(skipHref.slice(1)) : null;
        return {
            h1: document.querySelectorAll('h1').length,
            htmlLang: document.documentElement.getAttribute('lang'),
            mains: document.querySelectorAll('main, [role="main"]').length,
            skipHref,
            skipText: firstLink ? firstLink.textContent.trim() : null,
            skipTarget: skipId ? document.getElementById(skipId) !== null : false,
        };
    }).catch((e) => ({ error: e.message }));
    const factsOk = () => assert(!facts.error, `cannot read the page: ${facts.error}`);
    await check(name('one h1'), async () => {
        factsOk();
        assert(facts.h1 === 1, `${facts.h1} h1 elements`);
    });
    await check(name('html lang'), async () => {
        factsOk();
        assert(primary(facts.htmlLang) === lang, `html lang="${facts.htmlLang}", expected ${lang}`);
    });
    await check(name('main landmark'), async () => {
        factsOk();
        assert(facts.mains === 1, `${facts.mains} main landmarks, expected 1`);
    });
    await check(name('skip link'), async () => {
        factsOk();
        assert(facts.skipHref !== null, 'the page has no links');
        assert(facts.skipHref.startsWith('#'),
            `the first link ("${facts.skipText}", ${facts.skipHref}) is not a skip link`);
        assert(facts.skipTarget, `skip link ${facts.skipHref} targets no element on the page`);
    });

    // 3. No horizontal overflow, measured here so it is the page as seen without JavaScript.
    for (const vp of VIEWPORTS) {
        await check(name(`no overflow at ${vp.width}px`), async () => {
            await page.setViewportSize({ width: vp.width, height: vp.height });
            const o = await page.evaluate(() => {
                const de = document.documentElement;
                const out = { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide: [] };
                if (de.scrollWidth > de.clientWidth + 1) {
                    // Name where to look: the outermost elements that stick out, leaving out
                    // what sits in a scrolling box (a wide table in its wrapper is fine),
                    // each with the innermost element along its widest descendants.
                    const limit = de.clientWidth + 1;
                    const sticksOut = (el) => el.getBoundingClientRect().right > limit;
                    const clipped = (el) => {
                        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                            if (getComputedStyle(a).overflowX !== 'visible')
                                return true;
                        }
                        return false;
                    };
                    const describe = (el) => {
                        let sel = el.tagName.toLowerCase();
                        if (el.id)
                            sel += '#' + el.id;
                        for (const c of el.classList)
                            sel += '.' + c;
                        for (const attr of ['for', 'name'])
                            if (el.hasAttribute(attr))
                                sel += `[${attr}="${el.getAttribute(attr)}"]`;
                        return `${sel} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`;
                    };
                    for (const el of document.body.querySelectorAll('*')) {
                        if (!sticksOut(el) || el.getBoundingClientRect().width === 0 || clipped(el))
                            continue;
                        const parent = el.parentElement;
                        if (parent && parent !== document.body && sticksOut(parent))
                            continue;
                        let inner = el;
                        for (;;) {
                            const next = [...inner.children].find((c) => sticksOut(c));
                            if (!next)
                                break;
                            inner = next;
                        }
                        out.wide.push(describe(el) + (inner !== el ? ` via ${describe(inner)}` : ''));
                        if (out.wide.length >= 5)
                            break;
                    }
                }
                return out;
            });
            assert(o.scrollWidth <= o.clientWidth + 1,
                `scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}` +
                (o.wide.length ? `; sticking out: ${o.wide.join(', ')}` : ''));
        });
    }
    await page.setViewportSize(DESKTOP);

    // The switch is the link naming the other language by hreflang; following it must give
    // the same page in that language.
    await check(name('language switch'), async () => {
        const want = other(lang);
        const sw = page.locator(`body a[hreflang="${want}"]`);
        const count = await sw.count();
        assert(count >= 1, `no link with hreflang="${want}"`);
        const before = new URL(page.url()).pathname;
        const navigated = page.waitForResponse((r) =>
            r.request().isNavigationRequest() && r.frame() === page.mainFrame());
        await sw.first().click();
        const resp = await navigated;
        await page.waitForLoadState();
        const after = new URL(page.url());
        assert(resp && resp.status() === p.status,
            `${after.pathname}${after.search} gave status ${resp ? resp.status() : 'none'}, expected ${p.status}`);
        assert(after.pathname === before, `switch went to ${after.pathname}, not ${before}`);
        const got = await page.evaluate(() => document.documentElement.getAttribute('lang'));
        assert(primary(got) === want, `after the switch html lang="${got}", expected ${want}`);
    });

    // 2. axe-core, WCAG 2.0/2.1 A and AA rules.
    await check(name('axe'), async () => {
        const resp = await axePage.goto(url);
        assert(resp && resp.status() === p.status, `status ${resp ? resp.status() : 'none'}`);
        await axePage.addScriptTag({ path: AXE_PATH });
        const res = await axePage.evaluate(async (tags) => {
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
            throw new Error(`${res.length} axe violation(s):\n${lines.join('\n')}`);
        }
    });
}
