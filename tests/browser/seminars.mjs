// seminars.mjs — registering for a seminar and cancelling, in a browser with JavaScript off
// and by keyboard, and axe on every seminar page and every state of the registration form.
//
//   node tests/browser/seminars.mjs http://127.0.0.1:PORT DB
//
// run.sh runs it after proposals.mjs, against the same server; DB is the SQLite database
// that server serves (the demo one), read with sqlite3 for what only the e-mail carries
// (the secret cancel link) and for what the pages must agree with (the waiting list).
// The demo seminars: 1 of skolmat, open with places; 2 of skolmat, full, with a waiting
// list; 3 of gator, registration closed; 4 and 5 past, with attendance.
//
// A visitor without an account, in a context with JavaScript off, walks it by keyboard,
// following the links the pages show (Tab to a link or button, Enter; Space on the box):
//
//   1. /seminars lists seminar 1 and 2 (2 marked full); its link leads to seminar 1, whose
//      "Anmäl dig" leads to the registration form (labelled fields, the consent box in a
//      fieldset named by its legend); sent empty → 422, "Fel:" in the title, the error
//      summary (role=alert, visible, above the form) naming name, e-mail and consent, each
//      message beside its field (aria-invalid and aria-describedby for the fields, inside
//      the fieldset and in its description for the consent), the summary's link moving
//      focus to the field; name and e-mail but no consent → the consent message alone, what
//      was typed kept; then filled by keyboard and sent → "Du är anmäld", the address
//      shown, a paragraph (no markup shown as text), one place fewer on the seminar's page;
//   2. seminar 2, full: "Ställ dig på väntelistan" → the form says it is full → "Du står på
//      väntelistan" with the number the database gives the registration;
//   3. the same address on seminar 1 again, and in capitals → 422, the message beside
//      the e-mail field; nothing registered twice;
//   4. the cancel link (its token read from the database) → "Avboka din anmälan" saying a
//      place is held; the button → "Din anmälan är avbokad", the place back on the seminar's
//      page; the link again says it is already cancelled and offers no button; the same
//      address may register again; the waiting-list registration's link says it leaves the
//      list and cancels it;
//   5. the English form (?lang=en): English labels and messages, "You are registered".
//
// axe-core (WCAG 2.0/2.1 A and AA, as a11y.mjs) needs script, so it runs in a context with
// JavaScript on and the CSP bypassed, in Swedish and English, on: /seminars, /seminars/past,
// /missions/skolmat (its "Current seminars" section), /missions/skolmat/seminars, seminars
// 1, 2 (full), 3 (closed) and 4 (past), the form of 1 fresh, sent empty, without consent
// and with an address already registered, the form of 2 (full), "You are registered", "You
// are on the waiting list", the cancel page and "Your registration is cancelled". Each state
// is also checked for overflow at 320 px.
//
// Output is TAP-like, as the other scripts': "ok N - ..." / "not ok N - ...", "# ..."
// diagnostics, then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import {
    assert, broke, check, expectPage, finish, h1, launch, LANGS, navigating, newContext, open,
    state, submitByKeyboard, tabTo, title, usage, useBase, where, withLang,
} from './lib.mjs';

// What a person reads on the pages (po/sv.po; English is the msgid).
const TEXT = {
    sv: {
        current: 'Aktuella seminarier', past: 'Tidigare seminarier', full: 'Fullbokat: väntelista',
        register: 'Anmäl dig', waitlist: 'Ställ dig på väntelistan', formTitle: 'Anmälan: ',
        name: 'Namn', email: 'E-post', organisation: 'Organisation', diet: 'Specialkost',
        access: 'Behov av tillgänglighetsanpassning', privacy: 'Personuppgifter',
        consent: 'Jag har läst informationen och godkänner den',
        isFull: 'Seminariet är fullbokat.',
        problem: 'Det finns ett problem', errorTitle: 'Fel:',
        errName: 'Skriv ditt namn, med högst 300 tecken.',
        errEmail: 'Ange en e-postadress, till exempel namn@exempel.se.',
        errConsent: 'Kryssa i rutan för att godkänna informationen om personuppgifter.',
        errTaken: 'Den här e-postadressen är redan anmäld till seminariet.',
        registered: 'Du är anmäld', waiting: 'Du står på väntelistan',
        number: (k) => `Du är nummer ${k} på väntelistan`,
        left: /(\d+) av (\d+) platser kvar/,
        cancelTitle: 'Avboka din anmälan', cancelButton: 'Avboka min anmälan',
        holdsPlace: 'Du har en plats. Om du avbokar',
        leavesList: 'Du står på väntelistan. Om du avbokar lämnar du den.',
        cancelled: 'Din anmälan är avbokad', already: 'Anmälan är redan avbokad.',
        closed: 'Anmälan har stängt.',
    },
    en: {
        current: 'Current seminars', past: 'Past seminars', full: 'Full: waiting list',
        register: 'Register', waitlist: 'Join the waiting list', formTitle: 'Register: ',
        name: 'Name', email: 'E-mail', organisation: 'Organisation', diet: 'Dietary needs',
        access: 'Accessibility needs', privacy: 'Privacy', consent: 'I have read this and agree',
        isFull: 'The seminar is full.',
        problem: 'There is a problem', errorTitle: 'Error:',
        errName: 'Enter your name, in at most 300 characters.',
        errEmail: 'Enter an e-mail address such as name@example.se.',
        errConsent: 'Tick the box to accept the privacy notice',
        errTaken: 'This e-mail address is already registered for the seminar.',
        registered: 'You are registered', waiting: 'You are on the waiting list',
        number: (k) => `You are number ${k} on the waiting list`,
        left: /(\d+) of (\d+) left/,
        cancelTitle: 'Cancel your registration', cancelButton: 'Cancel my registration',
        holdsPlace: 'You have a place. If you cancel',
        cancelled: 'Your registration is cancelled', closed: 'Registration has closed.',
    },
};

// The demo seminars (src/domain/demo.c): their ids, and the mission of 1 and 2.
const OPEN = 1;
const FULL = 2;
const CLOSED = 3;
const PAST = 4;
const MISSION = 'skolmat';

if (!useBase(process.argv[2]) || process.argv.length !== 4 || !existsSync(process.argv[3]))
    usage('node seminars.mjs http://HOST:PORT DB (the SQLite database the server serves)');
const DB = process.argv[3];

// This run's own addresses, so that a database served twice never has them taken.
const stamp = Date.now().toString(36);
const PERSON = {
    name: 'Maja Öberg',
    email: `maja.oberg.${stamp}@example.se`,
    organisation: 'Hofors kommun',
};
const EN_PERSON = { name: 'Sam Taylor', email: `sam.taylor.${stamp}@example.org`, organisation: '' };

/* ------------------------------------------------------------------ the database */

function sql(query) {
    return execFileSync('sqlite3', ['-batch', '-noheader', DB, query], { encoding: 'utf8' }).trim();
}

function quote(s) {
    return `'${String(s).replace(/'/g, "''")}'`;
}

// The registrations of email for seminar, oldest first, as { state, token }.
function registrations(seminar, email) {
    const out = sql(`SELECT state || '|' || cancel_token FROM seminar_registration
        WHERE seminar_id = ${seminar} AND lower(email) = lower(${quote(email)}) ORDER BY id`);
    return out ? out.split('\n').map((l) => { const [s, t] = l.split('|'); return { state: s, token: t }; }) : [];
}

function seminarTitle(id, lang) {
    return sql(`SELECT CASE WHEN ${lang === 'en' ? 1 : 0} = 1 AND title_en <> '' THEN title_en
        ELSE title_sv END FROM seminar WHERE id = ${id}`);
}

/* ------------------------------------------------------------------ page helpers */

// A field in main found by its label's text, as a screen reader names it.
function field(page, label) {
    return page.locator('main').getByLabel(label, { exact: true });
}

function consentBox(page, lang) {
    return page.locator('main').getByRole('group', { name: TEXT[lang].privacy, exact: true })
        .getByRole('checkbox', { name: TEXT[lang].consent, exact: true });
}

function button(page, name) {
    return page.locator('main').getByRole('button', { name, exact: true });
}

function link(page, name) {
    return page.locator('main').getByRole('link', { name, exact: true });
}

async function mainText(page) {
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

// The text of the visible elements an element's aria-describedby names.
async function describedBy(locator) {
    return locator.evaluate((el) => (el.getAttribute('aria-describedby') || '')
        .split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id))
        .filter((d) => d !== null && d.getClientRects().length > 0)
        .map((d) => d.textContent.trim()).join(' | '));
}

// Follow a link in main as a keyboard user: Tab to it, Enter.
async function follow(page, name) {
    const a = link(page, name);
    assert(await a.count() === 1, `${where(page)} has ${await a.count()} links "${name}", expected 1`);
    await tabTo(page, a);
    return navigating(page, () => page.keyboard.press('Enter'));
}

// Type into a field as a keyboard user: Tab to it, clear it, type.
async function typeInto(page, locator, text) {
    await tabTo(page, locator);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (text)
        await page.keyboard.type(text);
    assert(await locator.inputValue() === text, `the field holds "${await locator.inputValue()}"`);
}

// Fill the registration form as a keyboard user, the box ticked with Space when consent.
async function fillByKeyboard(page, lang, who, consent) {
    const t = TEXT[lang];
    await typeInto(page, field(page, t.name), who.name);
    await typeInto(page, field(page, t.email), who.email);
    await typeInto(page, field(page, t.organisation), who.organisation);
    const box = consentBox(page, lang);
    if (consent !== await box.isChecked()) {
        await tabTo(page, box);
        await page.keyboard.press('Space');
    }
    assert(await box.isChecked() === consent, `the consent box is ${consent ? 'not ' : ''}ticked`);
}

// Fill the form directly (the axe context: no need to walk it).
async function fill(page, lang, who, consent) {
    const t = TEXT[lang];
    await field(page, t.name).fill(who.name);
    await field(page, t.email).fill(who.email);
    await field(page, t.organisation).fill(who.organisation);
    await consentBox(page, lang).setChecked(consent);
}

function send(page, lang, name) {
    return navigating(page, () => button(page, name || TEXT[lang].register).click());
}

// The places left on a seminar's page, from its "N of M left".
async function placesLeft(page, lang) {
    const m = (await mainText(page)).match(TEXT[lang].left);
    assert(m, `${where(page)} does not say how many places are left`);
    return Number(m[1]);
}

/* ------------------------------------------------------------------ the checks of a form with errors */

async function summaryShown(page, lang) {
    const t = TEXT[lang];
    assert((await title(page)).startsWith(t.errorTitle), `the title does not start with "${t.errorTitle}"`);
    const alert = page.getByRole('alert');
    assert(await alert.count() === 1, `${await alert.count()} role=alert elements, expected 1`);
    assert(await alert.isVisible(), 'the error summary is not visible');
    assert((await alert.innerText()).includes(t.problem), `the summary does not say "${t.problem}"`);
    const before = await page.evaluate(() => {
        const s = document.querySelector('.error-summary');
        const f = document.querySelector('main form');
        return !!(s && f && (s.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING));
    });
    assert(before, 'the summary is not above the form');
}

// The summary's links, as { href, text }.
async function summaryLinks(page) {
    return page.getByRole('alert').locator('a').evaluateAll((as) => as.map((a) => ({
        href: a.getAttribute('href'), text: a.textContent.trim(),
    })));
}

async function errorBesideField(page, label, message) {
    const f = field(page, label);
    assert(await f.count() === 1, `no field labelled "${label}"`);
    assert(await f.getAttribute('aria-invalid') === 'true', `"${label}" is not aria-invalid`);
    const said = await describedBy(f);
    assert(said.includes(message), `"${label}" is described by "${said}", not "${message}"`);
}

// The consent message: shown inside the fieldset, and part of what a screen reader says on
// reaching the group or the box (the fieldset's or the box's aria-describedby).
async function errorInConsent(page, lang) {
    const t = TEXT[lang];
    const group = page.locator('main').getByRole('group', { name: t.privacy, exact: true });
    const shown = (await group.locator('.field-error').allInnerTexts()).join(' ');
    assert(shown.includes(t.errConsent), `the fieldset shows "${shown}", not "${t.errConsent}"`);
    const said = `${await describedBy(group)} | ${await describedBy(consentBox(page, lang))}`;
    assert(said.includes(t.errConsent), 'the message is inside the fieldset but neither the ' +
        'fieldset nor the box names it in aria-describedby, so it is not announced with them');
}

/* ------------------------------------------------------------------ the journey (no JS) */

async function journey(page) {
    const t = TEXT.sv;
    const title1 = seminarTitle(OPEN, 'sv');
    const title2 = seminarTitle(FULL, 'sv');
    let left = null;
    let formReached = false;

    await check('/seminars: lists the open seminar and the full one, marked full', async () => {
        expectPage(page, await open(page, '/seminars'), 200, '/seminars');
        assert(await h1(page) === t.current, `h1 is not "${t.current}"`);
        assert(await link(page, title1).count() === 1, `no link "${title1}"`);
        const item = page.locator('main li')
            .filter({ has: page.getByRole('link', { name: title2, exact: true }) });
        assert(await item.count() === 1, `no item for "${title2}"`);
        assert((await item.innerText()).includes(t.full), `"${title2}" is not marked "${t.full}"`);
    });
    await check(`/seminars: the link leads to seminar ${OPEN}, which says the places left`, async () => {
        expectPage(page, await follow(page, title1), 200, `/seminars/${OPEN}`);
        assert(await h1(page) === title1, `h1 is not "${title1}"`);
        left = await placesLeft(page, 'sv');
    });
    await check(`seminar ${OPEN}: "${t.register}" leads to the form, its fields labelled`, async () => {
        expectPage(page, await follow(page, t.register), 200, `/seminars/${OPEN}/register`);
        assert(await h1(page) === t.formTitle + title1, `h1 is "${await h1(page)}"`);
        for (const label of [t.name, t.email, t.organisation, t.diet, t.access])
            assert(await field(page, label).count() === 1, `no field labelled "${label}"`);
        assert(await consentBox(page, 'sv').count() === 1,
            `no box "${t.consent}" in a group named "${t.privacy}"`);
        assert(!await consentBox(page, 'sv').isChecked(), 'the consent box is ticked already');
        formReached = true;
    });

    let empty = false;
    await check('form sent empty with the keyboard: 422, the error summary above the form', async () => {
        assert(formReached, 'the form was not reached');
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 422, `/seminars/${OPEN}/register`);
        empty = true;
        await summaryShown(page, 'sv');
    });
    await check('form sent empty: the summary names name, e-mail and consent, linked to each', async () => {
        assert(empty, 'the form was not sent');
        const links = await summaryLinks(page);
        const got = links.map((l) => `${l.href} "${l.text}"`).join(', ');
        for (const [href, msg] of [['#f-name', t.errName], ['#f-email', t.errEmail], ['#f-consent', t.errConsent]])
            assert(links.some((l) => l.href === href && l.text.includes(msg)),
                `no link to ${href} saying "${msg}"; the summary has: ${got}`);
    });
    await check('form sent empty: the message beside the name field', async () => {
        assert(empty, 'the form was not sent');
        await errorBesideField(page, t.name, t.errName);
    });
    await check('form sent empty: the message beside the e-mail field', async () => {
        assert(empty, 'the form was not sent');
        await errorBesideField(page, t.email, t.errEmail);
    });
    await check('form sent empty: the message in the consent fieldset', async () => {
        assert(empty, 'the form was not sent');
        await errorInConsent(page, 'sv');
    });
    await check('form sent empty: the summary\'s first link moves focus to its field', async () => {
        assert(empty, 'the form was not sent');
        const first = page.getByRole('alert').locator('a').first();
        const target = (await first.getAttribute('href')).slice(1);
        await tabTo(page, first);
        await page.keyboard.press('Enter');
        let focused = false;
        for (let i = 0; i < 20 && !focused; i++) {
            focused = await page.evaluate((id) => document.activeElement && document.activeElement.id === id,
                target);
            if (!focused)
                await page.waitForTimeout(50);
        }
        assert(focused, `focus is not on #${target} after following the link`);
    });

    let noConsent = false;
    await check('form without consent: 422, the consent message alone, what was typed kept', async () => {
        assert(formReached, 'the form was not reached');
        expectPage(page, await open(page, `/seminars/${OPEN}/register`), 200);
        await fillByKeyboard(page, 'sv', PERSON, false);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 422, `/seminars/${OPEN}/register`);
        noConsent = true;
        await summaryShown(page, 'sv');
        const links = await summaryLinks(page);
        assert(links.length === 1 && links[0].href === '#f-consent',
            `the summary links to ${links.map((l) => l.href).join(', ')}, expected #f-consent alone`);
        assert(await field(page, t.name).inputValue() === PERSON.name, 'the name was not kept');
        assert(await field(page, t.email).inputValue() === PERSON.email, 'the address was not kept');
        assert(await field(page, t.organisation).inputValue() === PERSON.organisation,
            'the organisation was not kept');
        assert(registrations(OPEN, PERSON.email).length === 0, 'a registration was stored');
    });
    await check('form without consent: the message in the consent fieldset, announced with it', async () => {
        assert(noConsent, 'the form was not sent');
        await errorInConsent(page, 'sv');
    });

    let registered = false;
    await check(`form filled with the keyboard (Tab, Space on the box, Enter): "${t.registered}"`, async () => {
        assert(formReached, 'the form was not reached');
        expectPage(page, await open(page, `/seminars/${OPEN}/register`), 200);
        await fillByKeyboard(page, 'sv', PERSON, true);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.registered, `h1 is "${await h1(page)}", not "${t.registered}"`);
        assert((await mainText(page)).includes(PERSON.email), 'the page does not show the address');
        const regs = registrations(OPEN, PERSON.email);
        assert(regs.length === 1 && regs[0].state === 'registered',
            `the database holds ${JSON.stringify(regs.map((r) => r.state))}`);
        registered = true;
    });
    await check(`"${t.registered}": its text is a paragraph, no markup shown as text`, async () => {
        assert(registered, 'not registered');
        const text = await mainText(page);
        assert(!/<\/?[a-z]+>/.test(text), `the page shows markup as text: "${text.slice(0, 160)}"`);
        const p = page.locator('main p').filter({ hasText: PERSON.email });
        assert(await p.count() === 1, 'the confirmation with the address is not a paragraph of its own');
    });
    await check(`seminar ${OPEN}: one place fewer`, async () => {
        assert(registered && left !== null, 'not registered');
        expectPage(page, await follow(page, 'Tillbaka till seminariet'), 200, `/seminars/${OPEN}`);
        const now = await placesLeft(page, 'sv');
        assert(now === left - 1, `${now} places left, expected ${left - 1}`);
    });

    // 2. the full seminar
    await check(`seminar ${FULL} (full): "${t.waitlist}" leads to the form, which says it is full`, async () => {
        expectPage(page, await open(page, '/seminars'), 200);
        expectPage(page, await follow(page, title2), 200, `/seminars/${FULL}`);
        assert(await link(page, t.register).count() === 0, `the full seminar offers "${t.register}"`);
        expectPage(page, await follow(page, t.waitlist), 200, `/seminars/${FULL}/register`);
        assert((await mainText(page)).includes(t.isFull), `the form does not say "${t.isFull}"`);
    });
    // The number is one more than the waiting list the seminar's page showed just before
    // ("Fullbokat (3), 2 på väntelistan" in the demo), which is the database's count.
    await check(`seminar ${FULL}: sent → "${t.waiting}", number one more than those waiting`, async () => {
        const ahead = Number(sql(`SELECT count(*) FROM seminar_registration
            WHERE seminar_id = ${FULL} AND state = 'waiting'`));
        await fillByKeyboard(page, 'sv', PERSON, true);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.waiting, `h1 is "${await h1(page)}", not "${t.waiting}"`);
        const regs = registrations(FULL, PERSON.email);
        assert(regs.length === 1 && regs[0].state === 'waiting',
            `the database holds ${JSON.stringify(regs.map((r) => r.state))}`);
        const text = await mainText(page);
        assert(text.includes(t.number(ahead + 1)), `${ahead} were waiting before, but the page does not ` +
            `say "${t.number(ahead + 1)}": "${text}"; the queue of seminar ${FULL}: ` +
            sql(`SELECT group_concat(id || ' ' || state || ' queued ' || datetime(queued_at, 'unixepoch'), '; ')
                FROM seminar_registration WHERE seminar_id = ${FULL}`) +
            ` (now ${new Date().toISOString()})`);
    });

    // 3. the same address again
    for (const [what, email] of [['the same address', PERSON.email], ['the same address in capitals',
        PERSON.email.toUpperCase()]]) {
        await check(`seminar ${OPEN}, ${what} again: 422, the message beside the e-mail field`, async () => {
            expectPage(page, await open(page, `/seminars/${OPEN}/register`), 200);
            await fillByKeyboard(page, 'sv', { ...PERSON, name: 'Maja Öberg igen', email }, true);
            const resp = await submitByKeyboard(page, button(page, t.register));
            expectPage(page, resp, 422, `/seminars/${OPEN}/register`);
            await summaryShown(page, 'sv');
            await errorBesideField(page, t.email, t.errTaken);
            const regs = registrations(OPEN, PERSON.email);
            assert(regs.length === 1, `${regs.length} registrations of the address`);
        });
    }

    // 4. cancelling
    let cancelPage = false;
    let token = null;
    await check(`the cancel link: "${t.cancelTitle}", saying a place is held`, async () => {
        const regs = registrations(OPEN, PERSON.email);
        assert(regs.length === 1 && /^[0-9a-f]{16,}$/.test(regs[0].token),
            `no cancel token in the database: ${JSON.stringify(regs)}`);
        token = regs[0].token;
        expectPage(page, await open(page, `/seminars/${OPEN}/cancel/${token}`), 200);
        assert(await h1(page) === t.cancelTitle, `h1 is "${await h1(page)}"`);
        const text = await mainText(page);
        assert(text.includes(PERSON.name) && text.includes(t.holdsPlace),
            `the page says "${text}"`);
        cancelPage = true;
    });
    await check(`the cancel button, pressed with the keyboard: "${t.cancelled}"`, async () => {
        assert(cancelPage, 'the cancel page was not reached');
        const resp = await submitByKeyboard(page, button(page, t.cancelButton));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.cancelled, `h1 is "${await h1(page)}", not "${t.cancelled}"`);
        const regs = registrations(OPEN, PERSON.email);
        assert(regs.length === 1 && regs[0].state === 'cancelled',
            `the database holds ${JSON.stringify(regs.map((r) => r.state))}`);
    });
    await check(`seminar ${OPEN}: the place is back`, async () => {
        assert(cancelPage && left !== null, 'not cancelled');
        expectPage(page, await open(page, `/seminars/${OPEN}`), 200);
        const now = await placesLeft(page, 'sv');
        assert(now === left, `${now} places left, expected ${left}`);
    });
    await check('the cancel link again: already cancelled, no button', async () => {
        assert(token, 'no token');
        expectPage(page, await open(page, `/seminars/${OPEN}/cancel/${token}`), 200);
        assert((await mainText(page)).includes(t.already), `the page does not say "${t.already}"`);
        assert(await page.locator('main button').count() === 0, 'the page still has a button');
    });
    await check(`cancelled, the same address may register again: "${t.registered}"`, async () => {
        expectPage(page, await open(page, `/seminars/${OPEN}/register`), 200);
        await fillByKeyboard(page, 'sv', PERSON, true);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.registered, `h1 is "${await h1(page)}"`);
        const regs = registrations(OPEN, PERSON.email);
        assert(regs.length === 2 && regs[1].state === 'registered',
            `the database holds ${JSON.stringify(regs.map((r) => r.state))}`);
    });
    await check(`seminar ${FULL}: the waiting list's cancel link says it leaves the list, and cancels`, async () => {
        const regs = registrations(FULL, PERSON.email);
        assert(regs.length === 1, `${regs.length} registrations for seminar ${FULL}`);
        expectPage(page, await open(page, `/seminars/${FULL}/cancel/${regs[0].token}`), 200);
        assert((await mainText(page)).includes(t.leavesList), `the page does not say "${t.leavesList}"`);
        const resp = await submitByKeyboard(page, button(page, t.cancelButton));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.cancelled, `h1 is "${await h1(page)}"`);
        assert(registrations(FULL, PERSON.email)[0].state === 'cancelled', 'not cancelled in the database');
    });
}

async function englishJourney(page) {
    const t = TEXT.en;
    const path = withLang(`/seminars/${OPEN}/register`, 'en');
    await check('en: the form in English; sent empty, the messages in English', async () => {
        expectPage(page, await open(page, withLang(`/seminars/${OPEN}`, 'en')), 200);
        expectPage(page, await follow(page, t.register), 200, path);
        const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
        assert(lang === 'en', `html lang="${lang}"`);
        for (const label of [t.name, t.email, t.organisation, t.diet, t.access])
            assert(await field(page, label).count() === 1, `no field labelled "${label}"`);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 422, path);
        await summaryShown(page, 'en');
        await errorBesideField(page, t.name, t.errName);
    });
    await check(`en: filled with the keyboard: "${t.registered}"`, async () => {
        expectPage(page, await open(page, path), 200);
        await fillByKeyboard(page, 'en', EN_PERSON, true);
        const resp = await submitByKeyboard(page, button(page, t.register));
        expectPage(page, resp, 200);
        assert(await h1(page) === t.registered, `h1 is "${await h1(page)}"`);
        const regs = registrations(OPEN, EN_PERSON.email);
        assert(regs.length === 1 && regs[0].state === 'registered', 'not registered in the database');
    });
}

/* ------------------------------------------------------------------ axe on every state */

function shows(what, test) {
    return { what, test };
}

async function axeStates(page, lang) {
    const t = TEXT[lang];
    const L = (path) => withLang(path, lang);
    const h1Is = (text) => shows(`h1 "${text}"`, async () => (await h1(page)) === text);
    const who = {
        name: lang === 'sv' ? 'Axel Ek' : 'Axel Oak',
        email: `axe.${lang}.${stamp}@example.se`,
        organisation: 'Livsmedelsverket',
    };

    await state(page, `/seminars ${lang}`, () => open(page, L('/seminars')), 200, h1Is(t.current));
    await state(page, `/seminars/past ${lang}`, () => open(page, L('/seminars/past')), 200, h1Is(t.past));
    await state(page, `/missions/${MISSION} ${lang}`, () => open(page, L(`/missions/${MISSION}`)), 200,
        shows(`a "${t.current}" section linking seminar ${OPEN}`, async () => {
            const sec = page.locator('main h2', { hasText: t.current });
            return (await sec.count()) === 1 &&
                (await link(page, seminarTitle(OPEN, lang)).count()) >= 1;
        }));
    await state(page, `/missions/${MISSION}/seminars ${lang}`, () => open(page, L(`/missions/${MISSION}/seminars`)),
        200);
    await state(page, `/seminars/${OPEN} ${lang}`, () => open(page, L(`/seminars/${OPEN}`)), 200,
        shows(`"${t.register}"`, async () => (await link(page, t.register).count()) === 1));
    await state(page, `/seminars/${FULL} ${lang} (full)`, () => open(page, L(`/seminars/${FULL}`)), 200,
        shows(`"${t.waitlist}"`, async () => (await link(page, t.waitlist).count()) === 1));
    await state(page, `/seminars/${CLOSED} ${lang} (closed)`, () => open(page, L(`/seminars/${CLOSED}`)), 200,
        shows(`"${t.closed}", no link to register`, async () => (await mainText(page)).includes(t.closed) &&
            (await link(page, t.register).count()) === 0 && (await link(page, t.waitlist).count()) === 0));
    await state(page, `/seminars/${PAST} ${lang} (past)`, () => open(page, L(`/seminars/${PAST}`)), 200);

    const form = `/seminars/${OPEN}/register`;
    await state(page, `${form} ${lang} fresh`, () => open(page, L(form)), 200,
        h1Is(t.formTitle + seminarTitle(OPEN, lang)));
    await state(page, `${form} ${lang} sent empty`, () => send(page, lang), 422,
        shows('the error summary', async () => (await page.getByRole('alert').count()) === 1));
    await state(page, `${form} ${lang} without consent`, async () => {
        await open(page, L(form));
        await fill(page, lang, who, false);
        return send(page, lang);
    }, 422, shows('the error summary', async () => (await page.getByRole('alert').count()) === 1));
    await state(page, `${form} ${lang} → "${t.registered}"`, async () => {
        await open(page, L(form));
        await fill(page, lang, who, true);
        return send(page, lang);
    }, 200, h1Is(t.registered));
    await state(page, `${form} ${lang} the address again`, async () => {
        await open(page, L(form));
        await fill(page, lang, who, true);
        return send(page, lang);
    }, 422, shows(`"${t.errTaken}"`, async () => (await mainText(page)).includes(t.errTaken)));

    const full = `/seminars/${FULL}/register`;
    await state(page, `${full} ${lang} (full)`, () => open(page, L(full)), 200,
        shows(`"${t.isFull}"`, async () => (await mainText(page)).includes(t.isFull)));
    await state(page, `${full} ${lang} → "${t.waiting}"`, async () => {
        await fill(page, lang, who, true);
        return send(page, lang);
    }, 200, h1Is(t.waiting));

    let cancel = null;
    await state(page, `the cancel page ${lang}`, async () => {
        const regs = registrations(OPEN, who.email);
        assert(regs.length === 1, `${regs.length} registrations of ${who.email}`);
        cancel = `/seminars/${OPEN}/cancel/${regs[0].token}`;
        return open(page, L(cancel));
    }, 200, h1Is(t.cancelTitle));
    await state(page, `the cancel page ${lang} → "${t.cancelled}"`, () => send(page, lang, t.cancelButton), 200,
        h1Is(t.cancelled));
}

/* ------------------------------------------------------------------ the run */

let browser = null;
try {
    browser = await launch();
    const nojs = await newContext(browser, false);
    await journey(await nojs.newPage());
    await nojs.close();
    const english = await newContext(browser, false);
    await englishJourney(await english.newPage());
    await english.close();
    const withjs = await newContext(browser, true);
    const axePage = await withjs.newPage();
    for (const lang of LANGS)
        await axeStates(axePage, lang);
} catch (e) {
    broke(e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}
finish();
