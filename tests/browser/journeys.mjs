// journeys.mjs — the account journeys in a browser with JavaScript off, and axe on every
// state of every account form.
//
//   node tests/browser/journeys.mjs http://127.0.0.1:PORT
//
// run.sh runs it after a11y.mjs, against the same server. a11y.mjs sees each page as a
// visitor first gets it; this file walks what a person does with the forms, the way a
// keyboard user without JavaScript would, so that a form that only works with script, a
// label that is not tied to its field, an error that is not said beside the field or a
// summary link that does not lead to the field fails here:
//
//   1. sign up (name, e-mail, password; the button focused with Tab and pressed with
//      Enter) → /account showing the address, and the header showing it;
//   2. sign out with the header's button → the home page, "Sign in" in the header;
//   3. sign in with a wrong password → 422, the error summary (role=alert) and the error
//      beside the e-mail field; the summary's link, followed with the keyboard, moves focus
//      to the e-mail field; the address is kept, the password is not;
//   4. sign in with ?next=/actors → /actors, signed in;
//   5. a keyboard focus ring of at least 2 px and 3:1 against what surrounds it, on a field
//      in the page and on the header's Sign out button;
//   6. change the password with a wrong current one → the error beside that field; then
//      rightly → /account; signed out, the old password no longer signs in, the new one does;
//   7. the first step in English (?lang=en): English labels, and the account page in English.
//
// axe-core (WCAG 2.0/2.1 A and AA, as in a11y.mjs) needs script in the page, so it runs in a
// second context with JavaScript on and the CSP bypassed, in Swedish and English, on:
// sign-in and sign-up empty and with errors, and, signed in with the session cookie carried
// over from the no-JS context, /account, the password form empty and with errors, and a
// public page with the header's Sign out form. Each of those states is also checked for
// horizontal overflow at 320 px, the narrowest phone the header must wrap for.
//
// Output is TAP-like, as a11y.mjs's: "ok N - ..." / "not ok N - ...", "# ..." diagnostics,
// then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import {
    assert, broke, carrySession, check, expectPage, finish, header, launch, LANGS, navigating,
    newContext, open, signOutButton, state, tabTo, title, usage, useBase, where, withLang,
} from './lib.mjs';

// What a person reads on the pages (po/sv.po; English is the msgid).
const TEXT = {
    sv: {
        name: 'Ditt namn', email: 'E-postadress', password: 'Lösenord', create: 'Skapa kontot',
        signIn: 'Logga in', signOut: 'Logga ut', account: 'Ditt konto', problem: 'Det finns ett problem',
        wrong: 'E-postadressen eller lösenordet stämmer inte.', current: 'Nuvarande lösenord',
        newPassword: 'Nytt lösenord', change: 'Byt lösenordet',
        currentWrong: 'Det nuvarande lösenordet stämmer inte.', errorTitle: 'Fel:', actors: 'Aktörer',
    },
    en: {
        name: 'Your name', email: 'E-mail address', password: 'Password', create: 'Create the account',
        signIn: 'Sign in', signOut: 'Sign out', account: 'Your account', problem: 'There is a problem',
        wrong: 'The e-mail address or the password is not right.', current: 'Current password',
        newPassword: 'New password', change: 'Change the password',
        currentWrong: 'The current password is not right.', errorTitle: 'Error:', actors: 'Actors',
    },
};

if (!useBase(process.argv[2]) || process.argv.length !== 3)
    usage('node journeys.mjs http://HOST:PORT');

// A run's own addresses, so that a database served twice never has them taken. The long
// one is what the header and /account show signed in: with no hyphen to break at it is one
// word wider than a 320 px screen, which must wrap rather than widen the page.
const stamp = Date.now().toString(36);
const ACCOUNT = {
    name: 'Anna-Karin Lindqvist',
    email: `annakarin.lindqvistjohansson.${stamp}@samverkansexempel.example.se`,
    password: 'fyra ord i rad ' + stamp,
    next: 'ett annat lösenord ' + stamp,
};
const EN_ACCOUNT = {
    name: 'Alex Example',
    email: `alex.${stamp}@example.org`,
    password: 'four words in a row ' + stamp,
};

let browser = null;
try {
    browser = await launch();
    const nojs = await newContext(browser, false);
    const withjs = await newContext(browser, true);
    const page = await nojs.newPage();
    const axePage = await withjs.newPage();

    await journey(page);
    for (const lang of LANGS)
        await formStates(axePage, lang);
    await check('the session carries over to the axe context', () => carrySession(nojs, withjs));
    for (const lang of LANGS)
        await signedInStates(axePage, lang);

    const english = await newContext(browser, false);
    await englishSignUp(await english.newPage());
    await english.close();
} catch (e) {
    broke(e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}
finish();

/* ------------------------------------------------------------------ helpers */

// A field found by its label's text, as a screen reader names it: a label that is missing
// or not tied to its control (for/id) makes this fail.
function field(page, label) {
    return page.getByLabel(label, { exact: true });
}

// The text of the elements a field's aria-describedby names (its hint and its error).
async function describedBy(locator) {
    return locator.evaluate((el) => (el.getAttribute('aria-describedby') || '')
        .split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id))
        .filter((d) => d !== null && d.getClientRects().length > 0)
        .map((d) => d.textContent.trim()).join(' | '));
}

// The focus ring of the focused element: its outline at least 2 px, solid enough to be
// seen, with a colour of at least 3:1 against the background around it (the nearest
// ancestor's that is not transparent).
async function focusRing(page) {
    const r = await page.evaluate(() => {
        const el = document.activeElement;
        const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
        const lum = ([r, g, b]) => {
            const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        let bg = null;
        for (let a = el.parentElement; a && !bg; a = a.parentElement) {
            const c = rgb(getComputedStyle(a).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0))
                bg = c;
        }
        bg = bg || [255, 255, 255];
        const s = getComputedStyle(el);
        const ring = rgb(s.outlineColor);
        const [hi, lo] = [lum(ring), lum(bg)].sort((x, y) => y - x);
        return {
            what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''),
            style: s.outlineStyle, width: parseFloat(s.outlineWidth),
            color: s.outlineColor, bg: `rgb(${bg.slice(0, 3).join(', ')})`,
            ratio: (hi + 0.05) / (lo + 0.05),
        };
    });
    assert(r.style !== 'none' && r.width >= 2,
        `${r.what} focused: outline ${r.style} ${r.width}px, expected at least 2px`);
    assert(r.ratio >= 3, `${r.what} focused: outline ${r.color} on ${r.bg} is ` +
        `${r.ratio.toFixed(2)}:1, expected at least 3:1`);
}

/* ------------------------------------------------------------------ the journey (no JS) */

async function signIn(page, email, password, next) {
    const t = TEXT.sv;
    await open(page, next ? `/account/sign-in?next=${encodeURIComponent(next)}` : '/account/sign-in');
    await field(page, t.email).fill(email);
    await field(page, t.password).fill(password);
    return navigating(page, () => field(page, t.password).press('Enter'));
}

async function journey(page) {
    const t = TEXT.sv;

    await check('sign-up: the form has its labelled fields', async () => {
        expectPage(page, await open(page, '/account/sign-up'), 200);
        for (const label of [t.name, t.email, t.password])
            assert(await field(page, label).count() === 1, `no field labelled "${label}"`);
    });
    await check('sign-up: the button pressed with the keyboard lands on /account showing the address',
        async () => {
            await field(page, t.name).fill(ACCOUNT.name);
            await field(page, t.email).fill(ACCOUNT.email);
            await field(page, t.password).fill(ACCOUNT.password);
            const button = page.locator('main').getByRole('button', { name: t.create, exact: true });
            await tabTo(page, button);
            const resp = await navigating(page, () => page.keyboard.press('Enter'));
            expectPage(page, resp, 200, '/account');
            assert(await page.locator('h1').innerText() === t.account, `h1 is not "${t.account}"`);
            assert((await page.locator('main').innerText()).includes(ACCOUNT.email),
                'the account page does not show the address');
        });
    await check('sign-up: the header shows the address and a Sign out button', async () => {
        assert((await header(page)).includes(ACCOUNT.email), 'the header does not show the address');
        assert(await signOutButton(page, 'sv').count() === 1, `no "${t.signOut}" button in the header`);
    });

    await check('sign-out: the header\'s button leads home, where the header offers Sign in', async () => {
        const resp = await navigating(page, () => signOutButton(page, 'sv').click());
        expectPage(page, resp, 200, '/');
        const h = await header(page);
        assert(!h.includes(ACCOUNT.email), 'the header still shows the address');
        assert(await page.locator('header').getByRole('link', { name: t.signIn, exact: true }).count() === 1,
            `no "${t.signIn}" link in the header`);
        assert(await signOutButton(page, 'sv').count() === 0, `the header still has "${t.signOut}"`);
    });
    await check('sign-out: /account asks to sign in again', async () => {
        const resp = await open(page, '/account');
        expectPage(page, resp, 200);
        assert(new URL(page.url()).pathname === '/account/sign-in',
            `/account shows ${where(page)} signed out, not the sign-in page`);
    });

    await check('sign-in, wrong password: 422 with the error summary', async () => {
        const wrong = await signIn(page, ACCOUNT.email, 'inte mitt lösenord');
        expectPage(page, wrong, 422, '/account/sign-in');
        assert((await title(page)).startsWith(t.errorTitle), `the title does not start with "${t.errorTitle}"`);
        const alert = page.getByRole('alert');
        assert(await alert.count() === 1, 'no role=alert error summary');
        assert(await alert.isVisible(), 'the error summary is not visible');
        const text = await alert.innerText();
        assert(text.includes(t.problem) && text.includes(t.wrong),
            `the summary says "${text.replace(/\s+/g, ' ')}"`);
    });
    await check('sign-in, wrong password: the error is said beside the e-mail field', async () => {
        const email = field(page, t.email);
        assert(await email.getAttribute('aria-invalid') === 'true', 'the field is not aria-invalid');
        const said = await describedBy(email);
        assert(said.includes(t.wrong), `the field is described by "${said}", not the error`);
    });
    await check('sign-in, wrong password: the address is kept, the password is not', async () => {
        assert(await field(page, t.email).inputValue() === ACCOUNT.email, 'the address was not kept');
        assert(await field(page, t.password).inputValue() === '', 'the password was sent back');
    });
    await check('sign-in, wrong password: the summary\'s link moves focus to the e-mail field',
        async () => {
            const link = page.getByRole('alert').getByRole('link', { name: t.wrong, exact: true });
            await tabTo(page, link);
            await page.keyboard.press('Enter');
            const email = field(page, t.email);
            let focused = false;
            for (let i = 0; i < 20 && !focused; i++) {
                focused = await email.evaluate((el) => el === document.activeElement);
                if (!focused)
                    await page.waitForTimeout(50);
            }
            const now = await page.evaluate(() => {
                const a = document.activeElement;
                return a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') : 'nothing';
            });
            assert(focused, `after the link, focus is on ${now}, not the e-mail field`);
        });
    await check('sign-in, wrong password: a focused field shows a ring of 2 px at 3:1', async () => {
        await focusRing(page);
    });

    await check('sign-in with ?next=/actors: lands on /actors, signed in', async () => {
        const resp = await signIn(page, ACCOUNT.email, ACCOUNT.password, '/actors');
        expectPage(page, resp, 200, '/actors');
        assert(await page.locator('h1').innerText() === t.actors, `h1 is not "${t.actors}"`);
        assert((await header(page)).includes(ACCOUNT.email), 'the header does not show the address');
    });
    await check('header: Sign out is reached with Tab and shows a ring of 2 px at 3:1', async () => {
        await tabTo(page, signOutButton(page, 'sv'));
        await focusRing(page);
    });

    await check('password: a wrong current password is said beside that field', async () => {
        expectPage(page, await open(page, '/account/password'), 200);
        await field(page, t.current).fill('inte mitt lösenord');
        await field(page, t.newPassword).fill(ACCOUNT.next);
        const button = page.locator('main').getByRole('button', { name: t.change, exact: true });
        const resp = await navigating(page, () => button.click());
        expectPage(page, resp, 422, '/account/password');
        const current = field(page, t.current);
        assert(await current.getAttribute('aria-invalid') === 'true', 'the field is not aria-invalid');
        const said = await describedBy(current);
        assert(said.includes(t.currentWrong), `the field is described by "${said}", not the error`);
        assert(await current.inputValue() === '' && await field(page, t.newPassword).inputValue() === '',
            'a password was sent back');
    });
    await check('password: changed with the right current password → /account', async () => {
        await field(page, t.current).fill(ACCOUNT.password);
        await field(page, t.newPassword).fill(ACCOUNT.next);
        const button = page.locator('main').getByRole('button', { name: t.change, exact: true });
        const resp = await navigating(page, () => button.click());
        expectPage(page, resp, 200, '/account');
        assert((await header(page)).includes(ACCOUNT.email), 'no longer signed in after the change');
    });
    await check('password: signed out, the old password no longer signs in', async () => {
        const out = await navigating(page, () => signOutButton(page, 'sv').click());
        expectPage(page, out, 200, '/');
        const resp = await signIn(page, ACCOUNT.email, ACCOUNT.password);
        expectPage(page, resp, 422, '/account/sign-in');
        assert((await page.getByRole('alert').innerText()).includes(t.wrong), 'no error for the old password');
    });
    await check('password: the new password signs in', async () => {
        const resp = await signIn(page, ACCOUNT.email, ACCOUNT.next);
        expectPage(page, resp, 200, '/account');
        assert((await header(page)).includes(ACCOUNT.email), 'the header does not show the address');
    });
}

/* ------------------------------------------------------------------ axe on each form state */

function summaryShown(page) {
    return {
        what: 'the error summary',
        test: async () => (await page.locator('.error-summary[role="alert"] a[href^="#f-"]').count()) > 0,
    };
}

async function submitEmpty(page, lang, buttonName) {
    const button = page.locator('main').getByRole('button', { name: TEXT[lang][buttonName], exact: true });
    return navigating(page, () => button.click());
}

async function formStates(page, lang) {
    await state(page, `sign-in ${lang} empty`, () => open(page, withLang('/account/sign-in', lang)), 200);
    await state(page, `sign-in ${lang} with errors`, () => submitEmpty(page, lang, 'signIn'), 422,
        summaryShown(page));
    await state(page, `sign-up ${lang} empty`, () => open(page, withLang('/account/sign-up', lang)), 200);
    await state(page, `sign-up ${lang} with errors`, () => submitEmpty(page, lang, 'create'), 422,
        summaryShown(page));
}

async function signedInStates(page, lang) {
    const signedIn = {
        what: 'the address and Sign out in the header',
        test: async () => (await header(page)).includes(ACCOUNT.email) &&
            (await signOutButton(page, lang).count()) === 1,
    };
    await state(page, `/account ${lang} signed in`, () => open(page, withLang('/account', lang)), 200,
        signedIn);
    await state(page, `password ${lang} empty`, () => open(page, withLang('/account/password', lang)),
        200, signedIn);
    await state(page, `password ${lang} with errors`, () => submitEmpty(page, lang, 'change'), 422,
        summaryShown(page));
    await state(page, `/actors ${lang} signed in`, () => open(page, withLang('/actors', lang)), 200,
        signedIn);
}

/* ------------------------------------------------------------------ the first step in English */

async function englishSignUp(page) {
    const t = TEXT.en;

    await check('sign-up en: English labels', async () => {
        expectPage(page, await open(page, '/account/sign-up?lang=en'), 200);
        const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
        assert(lang === 'en', `html lang="${lang}"`);
        for (const label of [t.name, t.email, t.password])
            assert(await field(page, label).count() === 1, `no field labelled "${label}"`);
        assert(await page.locator('main').getByRole('button', { name: t.create, exact: true }).count() === 1,
            `no "${t.create}" button`);
    });
    await check('sign-up en: lands on the account page in English', async () => {
        await field(page, t.name).fill(EN_ACCOUNT.name);
        await field(page, t.email).fill(EN_ACCOUNT.email);
        await field(page, t.password).fill(EN_ACCOUNT.password);
        const button = page.locator('main').getByRole('button', { name: t.create, exact: true });
        await tabTo(page, button);
        const resp = await navigating(page, () => page.keyboard.press('Enter'));
        expectPage(page, resp, 200, '/account?lang=en');
        assert(await page.locator('h1').innerText() === t.account, `h1 is not "${t.account}"`);
        assert((await header(page)).includes(EN_ACCOUNT.email), 'the header does not show the address');
    });
}
