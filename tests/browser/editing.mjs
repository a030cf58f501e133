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
// The propose → review → accept journey, and axe on the proposal form, the review queue and
// the review confirmations, are proposals.mjs's: those pages need a proposal in a given state
// and the representative's or the coordinator's session, not the admin's.
//
// Output is TAP-like, as the other scripts': "ok N - ..." / "not ok N - ...", "# ..."
// diagnostics, then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import {
    assert, broke, carrySession, check, codeStep, expectPage, finish, h1, launch, LANGS,
    navigating, newContext, open, passwordStep as signInPassword, signOutButton, state,
    submitByKeyboard, usage, useBase, where, withLang,
} from './lib.mjs';

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
const baseOk = useBase(args.shift());
const forms = args.map((a) => {
    const i = a.indexOf('=');
    return i > 0 ? { pattern: a.slice(0, i), path: a.slice(i + 1) } : null;
});
if (!baseOk || forms.length === 0 || forms.some((f) => f === null))
    usage('node editing.mjs http://HOST:PORT PATTERN=PATH...');

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
    browser = await launch();
    const nojs = await newContext(browser, false);
    const withjs = await newContext(browser, true);
    const anon = await newContext(browser, true);

    await journey(await nojs.newPage());
    const carried = await check('the admin\'s session carries over to the axe context',
        () => carrySession(nojs, withjs));
    if (carried) {
        const page = await withjs.newPage();
        const signedOut = await anon.newPage();
        for (const f of forms)
            for (const lang of LANGS)
                await formPage(SIGNED_OUT.has(f.pattern) ? signedOut : page, f, lang);
    }
} catch (e) {
    broke(e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}
finish();

/* ------------------------------------------------------------------ helpers */

// A field found by its label's text, as a screen reader names it.
function field(page, label) {
    return page.locator('main').getByLabel(label, { exact: true });
}

function button(page, name) {
    return page.locator('main').getByRole('button', { name, exact: true });
}

// The goal tree section of a mission page, as text.
async function tree(page) {
    const s = page.locator('section[aria-labelledby="tree-h"]');
    assert(await s.count() === 1, 'no goal tree section');
    return s.innerText();
}

/* ------------------------------------------------------------------ signing in */

// The admin's password step; lands on the code step's page (the same address, a new form).
async function passwordStep(page, lang) {
    const t = TEXT.sv;
    const resp = await signInPassword(page, ADMIN, lang);
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
        const resp = await codeStep(page, ADMIN.totp, t.code);
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
