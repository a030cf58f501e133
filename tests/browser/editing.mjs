// editing.mjs — the editing journeys in a browser with JavaScript off, and axe on every form
// page of the route table signed in as the admin, empty and in its error state.
//
//   node tests/browser/editing.mjs http://127.0.0.1:PORT PATTERN=PATH...
//
// run.sh runs it after journeys.mjs, against the same server, with one PATTERN=PATH for each
// form page of `samverka routes` (a GET html route whose path ends in /new, /edit, /archive,
// /settings, /team, /sdg, /data or /new-mission, or lies under /account/), PATH filled from
// the database by tests/routes.sh's concrete().
//
// 1. The journey, by keyboard without JavaScript, as the demo admin: sign in with the
//    password, then the TOTP code on the second step's page; create a mission through
//    /new-mission (every required field, the button reached with Tab and pressed with
//    Enter); on its page add an objective and an indicator through its links and forms; the
//    mission page shows the goal tree with the indicator under the objective; edit the
//    mission's title; archive the indicator through its confirmation page, after which the
//    tree no longer lists it. Each step checks what the person sees.
//
// 2. For every form page, in Swedish and English, with the admin's session carried over into
//    a context with JavaScript on (axe needs script; the CSP is bypassed): the page as it
//    opens, then its error state (required fields emptied or an invalid value entered, the
//    form submitted, the 422 page shown with its error summary). Each state: no horizontal
//    overflow at 320 px and no axe violation (WCAG 2.0/2.1 A and AA, as a11y.mjs). The pages
//    for signing in (/account/sign-in, its code step, /account/sign-up) are checked signed
//    out, as nobody signed in is shown them; a confirmation page (archive, a personal data
//    request) has no error state but an objective's with something under it (409), and is
//    checked as it opens. A form page this file has no recipe for gets the generic one:
//    empty the required fields of the first form that has any.
//
// There is no review or proposal form on main yet, so there is no propose → review → accept
// journey here.
//
// Output is TAP-like, as the other scripts': "ok N - ..." / "not ok N - ...", "# ..."
// diagnostics, then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.SAMVERKA_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const LANGS = ['sv', 'en'];

// The demo admin (data/demo/accounts.csv; README.md).
const ADMIN = {
    email: 'admin@example.org',
    password: 'demo-admin-2026',
    totp: 'SAMVERKADEMOADMINSECRETKEY234567',
};

// What a person reads on the pages (po/sv.po; English is the msgid).
const TEXT = {
    sv: {
        email: 'E-postadress', password: 'Lösenord', signIn: 'Logga in', signOut: 'Logga ut',
        enterCode: 'Ange din kod', code: 'Kod', account: 'Ditt konto',
        slug: 'Adressnamn', titleSv: 'Titel på svenska', goalSv: 'Mål på svenska',
        deadline: 'Slutdatum', startYear: 'Startår', create: 'Skapa', save: 'Spara',
        edit: 'Redigera', addObjective: 'Lägg till ett delmål', addIndicator: 'Lägg till en indikator',
        objective: 'Delmål', archive: 'Arkivera', archiveIndicator: 'Arkivera indikatorn?',
        tree: 'Målträd och framsteg', goal: 'Mål:', errorTitle: 'Fel:',
    },
    en: { signOut: 'Sign out', errorTitle: 'Error:' },
};

const args = process.argv.slice(2);
const base = (args.shift() || '').replace(/\/+$/, '');
const forms = args.map((a) => {
    const i = a.indexOf('=');
    return i > 0 ? { pattern: a.slice(0, i), path: a.slice(i + 1) } : null;
});
if (!/^https?:\/\/[^/]+$/.test(base) || forms.length === 0 || forms.some((f) => f === null)) {
    console.log('not ok 1 - usage: node editing.mjs http://HOST:PORT PATTERN=PATH...');
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
}

let n = 0;
let passed = 0;
let failed = 0;

function diag(text) {
    // Playwright's call logs carry terminal colours; TAP diagnostics are plain text
    // eslint-disable-next-line no-control-regex
    for (const line of String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n'))
        console.log(`# ${line}`);
}

// One test point: ok when fn returns without throwing; a thrown message is the diagnostic.
async function check(name, fn) {
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

function assert(cond, message) {
    if (!cond)
        throw new Error(message);
}

function withLang(path, lang) {
    if (lang === 'sv')
        return path;
    return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang;
}

// RFC 6238 with SHA-1, 6 digits and 30 s steps, the key in base32 (RFC 4648).
function totp(secret, step) {
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

// Pages shown only to someone signed out: checked in a context without the admin's session.
const SIGNED_OUT = new Set(['/account/sign-in', '/account/sign-in/code', '/account/sign-up']);

// Pages without an error state: confirmations, and pages whose only form is a request.
const NO_ERROR_STATE = new Set([
    '/actors/{id}/archive', '/people/{id}/archive', '/initiatives/{id}/archive',
    '/missions/{slug}/archive', '/indicators/{id}/archive', '/account', '/account/data',
    '/initiatives/new', '/account/proposals',
]);

// How to reach a page's error state where emptying the required fields is not it: set an
// invalid value (in the page, as a browser with script may) and submit; returns the response.
const ERROR_RECIPE = {
    // the targets are checkboxes: one that names no target
    '/missions/{slug}/sdg': async (page) => {
        const form = page.locator('main form').filter({ has: page.locator('input[type="checkbox"][name="sdg"]') });
        await form.locator('input[type="checkbox"][name="sdg"]').first()
            .evaluate((el) => { el.value = '99.zz'; el.checked = true; });
        return submitForm(page, form);
    },
    // "Add a member" with no person chosen
    '/missions/{slug}/team': async (page) => {
        const form = page.locator('main form').filter({ has: page.locator('select[name="person_id"]') });
        await form.locator('select[name="person_id"]').selectOption('');
        return submitForm(page, form);
    },
    '/indicators/{id}/settings': async (page) => {
        const form = page.locator('main form').filter({ has: page.locator('[name="base_year"]') });
        await form.locator('[name="base_year"]').fill('tjugohundra');
        return submitForm(page, form);
    },
    // an objective with objectives or indicators under it cannot be archived: 409, said why
    '/objectives/{id}/archive': async (page) => submitForm(page, page.locator('main form').first()),
};
const ERROR_STATUS = { '/objectives/{id}/archive': 409 };

// This run's own names, so that a database served twice never has them taken.
const stamp = Date.now().toString(36);
const MISSION = {
    slug: `resa-${stamp}`,
    title: `Alla resor är hållbara ${stamp}`,
    retitled: `Alla resor är hållbara och trygga ${stamp}`,
    goal: 'Varje resa i Sverige görs hållbart senast 2035.',
    objective: `Fler går och cyklar ${stamp}`,
    indicator: `Andel resor till fots eller med cykel ${stamp}`,
};

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
    // Swedish browsers, as in a11y.mjs: a page without ?lang= is the Swedish default.
    const common = { locale: 'sv-SE', viewport: DESKTOP };
    const nojs = await newContext(browser, { ...common, javaScriptEnabled: false });
    const withjs = await newContext(browser, { ...common, javaScriptEnabled: true, bypassCSP: true });
    const anon = await newContext(browser, { ...common, javaScriptEnabled: true, bypassCSP: true });

    await journey(await nojs.newPage());
    const carried = await check('the admin\'s session carries over to the axe context', async () => {
        const cookies = await nojs.cookies(base);
        assert(cookies.some((c) => /samverka_session$/.test(c.name)),
            `the no-JS context holds no session cookie (${cookies.map((c) => c.name).join(', ') || 'none'})`);
        await withjs.addCookies(cookies);
    });
    if (carried) {
        const page = await withjs.newPage();
        const signedOut = await anon.newPage();
        for (const f of forms)
            for (const lang of LANGS)
                await formPage(SIGNED_OUT.has(f.pattern) ? signedOut : page, f, lang);
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

async function newContext(b, options) {
    const c = await b.newContext(options);
    c.setDefaultTimeout(10000);
    c.setDefaultNavigationTimeout(15000);
    return c;
}

/* ------------------------------------------------------------------ helpers */

async function open(page, path) {
    const resp = await page.goto(base + path);
    assert(resp, `no response for ${path}`);
    return resp;
}

// Run action, which makes the page navigate (a form submitted, a link followed), and return
// the response of the page that ends up shown: after a 303, the page redirected to.
async function navigating(page, action) {
    const [resp] = await Promise.all([page.waitForNavigation(), action()]);
    assert(resp, 'the page did not navigate');
    return resp;
}

function where(page) {
    const u = new URL(page.url());
    return u.pathname + u.search;
}

function expectPage(page, resp, status, path) {
    assert(resp.status() === status, `${where(page)} answered ${resp.status()}, expected ${status}`);
    if (path !== undefined)
        assert(where(page) === path, `the browser is on ${where(page)}, expected ${path}`);
}

// A field found by its label's text, as a screen reader names it.
function field(page, label) {
    return page.locator('main').getByLabel(label, { exact: true });
}

function button(page, name) {
    return page.locator('main').getByRole('button', { name, exact: true });
}

// Move focus with the Tab key until it is on the element, as a keyboard user does.
async function tabTo(page, locator) {
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
async function submitByKeyboard(page, locator) {
    await tabTo(page, locator);
    return navigating(page, () => page.keyboard.press('Enter'));
}

async function h1(page) {
    return (await page.locator('h1').innerText()).trim();
}

async function header(page) {
    return page.evaluate(() => {
        const h = document.querySelector('header');
        return h ? h.innerText : '';
    });
}

function signOutButton(page, lang) {
    return page.locator('header').getByRole('button', { name: TEXT[lang].signOut, exact: true });
}

// The goal tree section of a mission page, as text.
async function tree(page) {
    const s = page.locator('section[aria-labelledby="tree-h"]');
    assert(await s.count() === 1, 'no goal tree section');
    return s.innerText();
}

async function noOverflow(page, viewport) {
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
                const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + [...e.classList].map((c) => '.' + c).join('')
                    + ` (right edge ${Math.round(e.getBoundingClientRect().left + e.scrollWidth)}px)`;
                out.wide.push(describe(el));
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

async function axe(page) {
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

/* ------------------------------------------------------------------ signing in */

// The password step; lands on the code step's page (the same address, a new form).
async function passwordStep(page, lang) {
    const t = TEXT.sv;
    await open(page, withLang('/account/sign-in', lang));
    await page.locator('main form[action^="/account/sign-in"] input[name="email"]').fill(ADMIN.email);
    await page.locator('main form[action^="/account/sign-in"] input[name="password"]').fill(ADMIN.password);
    const resp = await navigating(page, () =>
        page.locator('main form[action^="/account/sign-in"] input[name="password"]').press('Enter'));
    expectPage(page, resp, 200);
    assert(lang !== 'sv' || await h1(page) === t.enterCode, `the second step's h1 is "${await h1(page)}"`);
    return resp;
}

/* ------------------------------------------------------------------ the journey (no JS) */

async function journey(page) {
    const t = TEXT.sv;
    let indicatorId = null;

    const signedIn = await check('admin sign-in: the password leads to the code step', async () => {
        await passwordStep(page, 'sv');
        assert(await field(page, t.code).count() === 1, `no field labelled "${t.code}"`);
    });
    const inside = signedIn && await check('admin sign-in: the TOTP code signs in → /account', async () => {
        // a code is taken once: when this step's was used (the suite run twice within 30 s),
        // the next step's is still good
        const step = Math.floor(Date.now() / 30000);
        let resp = null;
        for (const s of [step, step + 1]) {
            await field(page, t.code).fill(totp(ADMIN.totp, s));
            resp = await navigating(page, () => field(page, t.code).press('Enter'));
            if (resp.status() !== 422)
                break;
        }
        expectPage(page, resp, 200, '/account');
        assert(await h1(page) === t.account, `h1 is "${await h1(page)}", not "${t.account}"`);
        assert(await signOutButton(page, 'sv').count() === 1, `no "${t.signOut}" button in the header`);
    });
    if (!inside)
        return;

    const created = await check('/new-mission: every required field, submitted by keyboard → the new mission\'s page',
        async () => {
            expectPage(page, await open(page, '/new-mission'), 200);
            await field(page, t.slug).fill(MISSION.slug);
            await field(page, t.titleSv).fill(MISSION.title);
            await field(page, t.goalSv).fill(MISSION.goal);
            await field(page, t.deadline).fill('2035-12-31');
            await field(page, t.startYear).fill('2026');
            const resp = await submitByKeyboard(page, button(page, t.create));
            expectPage(page, resp, 200, `/missions/${MISSION.slug}`);
            assert(await h1(page) === MISSION.title, `h1 is "${await h1(page)}", not the title`);
            assert((await page.locator('main').innerText()).includes(MISSION.goal), 'the page does not show the goal');
            assert((await tree(page)).length > 0, 'no goal tree');
        });
    if (!created)
        return;

    await check('the mission page: "Add an objective" → the form; created → the tree shows it', async () => {
        const resp = await navigating(page, () =>
            page.locator('nav.edit-links').getByRole('link', { name: t.addObjective, exact: true }).click());
        expectPage(page, resp, 200, `/missions/${MISSION.slug}/objectives/new`);
        await field(page, t.titleSv).fill(MISSION.objective);
        const done = await submitByKeyboard(page, button(page, t.create));
        expectPage(page, done, 200, `/missions/${MISSION.slug}`);
        assert((await tree(page)).includes(MISSION.objective), 'the goal tree does not show the objective');
    });
    await check('the mission page: "Add an indicator" → the form under the objective; created → its page, which links back',
        async () => {
            const resp = await navigating(page, () =>
                page.locator('nav.edit-links').getByRole('link', { name: t.addIndicator, exact: true }).click());
            expectPage(page, resp, 200, `/missions/${MISSION.slug}/indicators/new`);
            const under = await field(page, t.objective).evaluate((s) => s.options[s.selectedIndex].text);
            assert(under === MISSION.objective, `the indicator would go under "${under}"`);
            await field(page, t.titleSv).fill(MISSION.indicator);
            const done = await submitByKeyboard(page, button(page, t.create));
            expectPage(page, done, 200);
            assert(/^\/indicators\/\d+$/.test(where(page)), `the browser is on ${where(page)}, not the indicator's page`);
            indicatorId = where(page).split('/')[2];
            assert(await h1(page) === MISSION.indicator, `h1 is "${await h1(page)}", not the indicator's title`);
            const back = await navigating(page, () =>
                page.locator('main').getByRole('link', { name: MISSION.title, exact: true }).first().click());
            expectPage(page, back, 200, `/missions/${MISSION.slug}`);
        });
    await check('the mission page: the goal tree has the objective with the indicator under it', async () => {
        const text = await tree(page);
        assert(text.includes(MISSION.objective), 'the goal tree does not show the objective');
        // the indicator sits in the objective's table, captioned with its title
        const table = page.locator('section[aria-labelledby="tree-h"] table')
            .filter({ has: page.locator('caption', { hasText: MISSION.objective }) });
        assert(await table.count() === 1, 'no indicator table captioned with the objective');
        const link = table.getByRole('link', { name: MISSION.indicator, exact: true });
        assert(await link.count() === 1, 'the objective\'s table does not list the indicator');
        assert(await link.getAttribute('href') === `/indicators/${indicatorId}`,
            `the tree's link leads to ${await link.getAttribute('href')}`);
    });

    await check('the mission page: "Edit" → a new title saved → the page shows it', async () => {
        const resp = await navigating(page, () =>
            page.locator('nav.edit-links').getByRole('link', { name: t.edit, exact: true }).click());
        expectPage(page, resp, 200, `/missions/${MISSION.slug}/edit`);
        assert(await field(page, t.titleSv).inputValue() === MISSION.title, 'the form does not hold the title');
        await field(page, t.titleSv).fill(MISSION.retitled);
        const done = await submitByKeyboard(page, button(page, t.save));
        expectPage(page, done, 200, `/missions/${MISSION.slug}`);
        assert(await h1(page) === MISSION.retitled, `h1 is "${await h1(page)}", not the new title`);
        assert((await tree(page)).includes(MISSION.indicator), 'the edit lost the goal tree');
    });

    await check('the indicator\'s "Archive" → its confirmation page → archived, gone from the tree', async () => {
        assert(indicatorId !== null, 'the indicator was not found on the mission page');
        const resp = await navigating(page, () =>
            // the link's name is "Archive: <indicator>", the indicator in a visually hidden span
            page.locator('section[aria-labelledby="tree-h"]').getByRole('link')
                .filter({ hasText: t.archive }).filter({ hasText: MISSION.indicator }).click());
        expectPage(page, resp, 200, `/indicators/${indicatorId}/archive`);
        assert(await h1(page) === t.archiveIndicator, `h1 is "${await h1(page)}"`);
        assert((await page.locator('main').innerText()).includes(MISSION.indicator),
            'the confirmation does not name the indicator');
        const done = await submitByKeyboard(page, button(page, t.archive));
        expectPage(page, done, 200, `/missions/${MISSION.slug}`);
        const text = await tree(page);
        assert(!text.includes(MISSION.indicator), 'the goal tree still lists the indicator');
        assert(text.includes(MISSION.objective), 'the goal tree lost the objective');
    });
}

/* ------------------------------------------------------------------ axe on each form page */


// Press a form's own submit button (not one that adds a row, which has a name).
async function submitForm(page, form) {
    assert(await form.count() === 1, 'no such form on the page');
    const buttons = form.locator('button[type="submit"]:not([name])');
    assert(await buttons.count() >= 1, 'the form has no submit button');
    return navigating(page, () => buttons.last().click());
}

// The generic error state: the first form in main with a required field, every required
// field emptied, submitted.
async function emptyRequired(page) {
    const form = page.locator('main form').filter({ has: page.locator('[required]') }).first();
    assert(await form.count() === 1, 'no form with a required field');
    const required = form.locator('input[required]:not([type="checkbox"]):not([type="radio"]):not([type="file"]), textarea[required]');
    for (let i = 0; i < await required.count(); i++)
        await required.nth(i).fill('');
    const buttons = form.locator('button[type="submit"]:not([name])');
    assert(await buttons.count() >= 1, 'the form has no submit button');
    return navigating(page, () => buttons.last().click());
}

// One state of a page: reach it, check it is the state named, then no overflow at 320 px and
// no axe violation.
async function state(page, label, reach, status, shows) {
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
}

async function formPage(page, f, lang) {
    const label = `${f.path} ${lang}`;
    const inLang = {
        what: `html lang="${lang}"`,
        test: async () => (await page.evaluate(() => document.documentElement.lang)) === lang,
    };
    const signedOut = SIGNED_OUT.has(f.pattern);
    const opened = {
        what: signedOut ? `html lang="${lang}"` : `html lang="${lang}", the header's Sign out`,
        test: async () => await inLang.test() && (signedOut || await signOutButton(page, lang).count() === 1),
    };
    const reach = f.pattern === '/account/sign-in/code'
        ? () => passwordStep(page, lang)
        : () => open(page, withLang(f.path, lang));
    await state(page, `${label} as it opens`, reach, 200, opened);
    if (NO_ERROR_STATE.has(f.pattern))
        return;
    const recipe = ERROR_RECIPE[f.pattern] || emptyRequired;
    const status = ERROR_STATUS[f.pattern] || 422;
    await state(page, `${label} with errors`, () => recipe(page), status, {
        what: `the error summary, html lang="${lang}"`,
        test: async () => await inLang.test() &&
            (await page.locator('main .error-summary[role="alert"]').count()) === 1 &&
            (await page.evaluate(() => document.title)).startsWith(TEXT[lang].errorTitle),
    });
}
