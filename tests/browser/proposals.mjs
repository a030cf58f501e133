// proposals.mjs — the propose → review → accept journey in a browser with JavaScript off, and
// axe on the proposal form, the review queue and the review confirmations.
//
//   node tests/browser/proposals.mjs http://127.0.0.1:PORT
//
// run.sh runs it after editing.mjs, against the same server (the demo database). Two people
// walk it by keyboard, each in a context of their own, following the links they are shown:
//
//   1. the actor representative (actor@example.org, Hofors kommun; no second factor) signs
//      in, follows "Föreslå ett initiativ" from the skolmat mission page, fills every part
//      of the form (title, description, an objective it serves, a participating actor with
//      its role, the period, the budget, an SDG target) and sends it with Tab and Enter,
//      then a second proposal of a title alone; /account/proposals shows both waiting for
//      review, and a visitor's mission page lists neither;
//   2. the coordinator (coordinator@example.org) signs in with the password and a TOTP code,
//      follows "Förslag att granska" from the mission page, finds both proposals, the first
//      with what was entered, each one's "Vad som ska ändras" field named once, by its own
//      label (the accessibility tree: role textbox and its computed name), described by its
//      own hint, and asks for changes to the first with a comment;
//   3. the representative sees the comment on /account/proposals, follows "Redigera och
//      skicka igen", sees the comment above the form, edits and sends it again;
//   4. the coordinator follows "Godkänn …" in the queue to the confirmation page and accepts:
//      the initiative's page says it is bottom-up; the mission page lists it under
//      "Nedifrån och upp", for a visitor too; the representative's list says accepted;
//   5. the second proposal, still waiting, declined in English (the header's language switch,
//      then "Decline…" and its confirmation page) with a reason: the representative's list,
//      in English, says declined and shows the reason.
//
// axe-core (WCAG 2.0/2.1 A and AA, as a11y.mjs) needs script, so it runs in contexts with
// JavaScript on and the CSP bypassed, with the representative's or the coordinator's session
// carried over, in Swedish and English: the proposal form empty and with errors (sent
// empty: 422, the error summary), the resubmission form, the review queue with two proposals
// and with an empty comment on the second (422: the summary links to the second's field,
// which alone is aria-invalid), the accept and decline confirmations, and the decline's
// error state (no reason, 422). Each state is also checked for overflow at 320 px.
//
// Two proposals wait in the queue at once because each one's "What should change" field
// once had the same id (f-comment): the first was named twice, the second not at all, and
// axe 4.14 does not flag that; the accessibility tree does.
//
// Output is TAP-like, as the other scripts': "ok N - ..." / "not ok N - ...", "# ..."
// diagnostics, then "1..N" and, last, "browser: N passed, N failed". Exit 1 on any failure.

import {
    assert, broke, carrySession, check, codeStep, expectPage, finish, h1, launch, LANGS, navigating,
    newContext, open, passwordStep, signOutButton, state, submitByKeyboard, title, usage, useBase,
    withLang,
} from './lib.mjs';

// The demo accounts (data/demo/accounts.csv; README.md).
const ACTOR = { email: 'actor@example.org', password: 'demo-actor-2026', name: 'Per Sandberg' };
const COORDINATOR = {
    email: 'coordinator@example.org',
    password: 'demo-coordinator-2026',
    totp: 'SAMVERKADEMOCOORDINATORKEY234567',
};
// The demo mission the coordinator coordinates, and what of it the form offers.
const MISSION = {
    slug: 'skolmat',
    title: { sv: 'Hållbar och god skolmat', en: 'Sustainable and good school food' },
    objective: 'Minskat matsvinn',
    lead: 'Hofors kommun',
    partner: 'Livsmedelsverket',
};

// What a person reads on the pages (po/sv.po; English is the msgid).
const TEXT = {
    sv: {
        account: 'Ditt konto', enterCode: 'Ange din kod', code: 'Kod',
        propose: 'Föreslå ett initiativ', review: 'Förslag att granska', mine: 'Mina förslag',
        lead: 'Huvudansvarig aktör', title: 'Titel', description: 'Beskrivning',
        objectives: 'Delmål som initiativet bidrar till', actor1: 'Aktör 1', role1: 'Roll för aktör 1',
        funder: 'Finansiär', start: 'Startdatum', end: 'Slutdatum', budget: 'Budget (kronor)',
        sdg: 'Delmål i Agenda 2030', send: 'Skicka förslaget', mission: 'Mission:',
        waiting: 'Väntar på granskning', changesAsked: 'Ändringar efterfrågade',
        accepted: 'Antaget', declined: 'Avslaget',
        proposedBy: 'Föreslaget av', whatChange: 'Vad som ska ändras', askChanges: 'Be om ändringar',
        changeHint: 'Förslagsställaren läser detta och redigerar förslaget.',
        acceptLink: 'Godkänn …', declineLink: 'Avslå …',
        acceptTitle: 'Godkänna förslaget?', declineTitle: 'Avslå förslaget?',
        accept: 'Godkänn', decline: 'Avslå', reason: 'Skäl', comment: 'Kommentar',
        editAgain: 'Redigera och skicka igen', resubmitTitle: 'Redigera och skicka förslaget igen',
        askedForChanges: 'Samordnarna bad om ändringar:', sendAgain: 'Skicka igen',
        initiativePage: 'Initiativets sida', bottomUp: 'Nedifrån och upp', ledBy: 'leds av',
        problem: 'Det finns ett problem', enterTitle: 'Skriv en titel.',
        sayWhat: 'Skriv vad som ska ändras.', giveReason: 'Ange skälet till avslaget.',
        errorTitle: 'Fel:', none: 'Inget förslag väntar på granskning.',
    },
    en: {
        review: 'Proposals to review', mine: 'My proposals', send: 'Send the proposal',
        askChanges: 'Ask for changes', whatChange: 'What should change',
        declineLink: 'Decline…', declineTitle: 'Decline the proposal?',
        decline: 'Decline', reason: 'Reason', declined: 'Declined', sendAgain: 'Send again',
        giveReason: 'Give the reason for declining.', errorTitle: 'Error:', switchTo: 'English',
        enterTitle: 'Enter a title.', sayWhat: 'Say what should change.',
        acceptTitle: 'Accept the proposal?', resubmitTitle: 'Edit and send the proposal again',
    },
};

if (!useBase(process.argv[2]) || process.argv.length !== 3)
    usage('node proposals.mjs http://HOST:PORT');

// This run's own titles, so that a database served twice never mixes them up.
const stamp = Date.now().toString(36);
const FIRST = {
    title: `Matsvinnsjakt i Hofors skolkök ${stamp}`,
    retitled: `Matsvinnsjakt i alla Hofors skolkök ${stamp}`,
    description: 'Vi väger svinnet i varje kök varje vecka och låter eleverna föreslå åtgärder.',
    start: '2027-01-01', end: '2028-06-30', budget: '250 000', sdg: '12.3',
    comment: `Skriv hur många kök som är med ${stamp}.`,
    edited: 'Alla sex skolkök i Hofors är med. Vi väger svinnet varje vecka.',
};
const SECOND = {
    title: `Skolträdgård vid varje skola ${stamp}`,
    reason: `This mission funds no gardens this year ${stamp}.`,
};

let browser = null;
try {
    browser = await launch();
    const actor = await newContext(browser, false);
    const coordinator = await newContext(browser, false);
    const visitor = await newContext(browser, false);
    const actorAxe = await newContext(browser, true);
    const coordinatorAxe = await newContext(browser, true);
    const people = {
        actor: await actor.newPage(),
        coordinator: await coordinator.newPage(),
        visitor: await visitor.newPage(),
        actorAxe: await actorAxe.newPage(),
        coordinatorAxe: await coordinatorAxe.newPage(),
    };
    await journey(people, async () => {
        await carrySession(actor, actorAxe);
        await carrySession(coordinator, coordinatorAxe);
    });
} catch (e) {
    broke(e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}
finish();

/* ------------------------------------------------------------------ helpers */

// A field in scope (main, or a proposal's article) found by its label's text, as a screen
// reader names it: a label that is missing or not tied to its control makes this fail.
function field(scope, label) {
    return scope.getByLabel(label, { exact: true });
}

function button(scope, name) {
    return scope.getByRole('button', { name, exact: true });
}

function link(scope, name) {
    return scope.getByRole('link', { name, exact: true });
}

async function mainText(page) {
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

// The accessibility tree of main names n text boxes, each exactly name: none unnamed, none
// named twice over (two labels for one field).
async function namedOnce(page, name, n) {
    const tree = await page.locator('main').ariaSnapshot();
    const boxes = [...tree.matchAll(/^\s*- textbox(?: "((?:[^"\\]|\\.)*)")?/gm)].map((m) => m[1] ?? '');
    assert(boxes.length === n && boxes.every((b) => b === name),
        `the text boxes are named ${JSON.stringify(boxes)}, not ${n} × "${name}"`);
    const k = await page.locator('main').getByRole('textbox', { name, exact: true }).count();
    assert(k === n, `${k} text boxes whose computed name is "${name}", expected ${n}`);
}

// A proposal's "What should change" field in its article a: one text box named by the label,
// of id f-comment-ID, described by the hint beside it in the same article.
async function ownCommentField(a, t, id) {
    const box = await onlyOne(a.getByRole('textbox', { name: t.whatChange, exact: true }),
        `fields named "${t.whatChange}" in the proposal ${id}`);
    const got = await box.getAttribute('id');
    assert(got === `f-comment-${id}`, `the field's id is "${got}", not "f-comment-${id}"`);
    const hint = await box.evaluate((el) => {
        const d = document.getElementById((el.getAttribute('aria-describedby') || '').split(' ')[0]);
        return d && d.closest('article') === el.closest('article') ? d.textContent : null;
    });
    assert(hint === t.changeHint, `the field of ${id} is described by "${hint}", not its own hint`);
}

// A proposal's article (in the queue or in My proposals), found by its heading.
function article(page, heading) {
    return page.locator('main article').filter({
        has: page.getByRole('heading', { level: 2, name: heading, exact: true }),
    });
}

async function onlyOne(locator, what) {
    const k = await locator.count();
    assert(k === 1, `${k} ${what}, expected 1`);
    return locator;
}

// The badge of a proposal's state in My proposals.
async function badge(page, heading) {
    const a = await onlyOne(article(page, heading), `proposals titled "${heading}"`);
    return (await a.locator('.badge').innerText()).trim();
}

// One page's state as it opens at path, in Swedish and English.
async function axeStates(page, label, path, status, shows) {
    for (const lang of LANGS)
        await state(page, `${label} ${lang}`, () => open(page, withLang(path, lang)), status,
            shows && shows(lang));
}

function errorSummary(page, lang, message) {
    return {
        what: `the error summary saying "${message}"`,
        test: async () => (await title(page)).startsWith(TEXT[lang].errorTitle) &&
            (await page.locator('main .error-summary[role="alert"]').innerText()).includes(message),
    };
}

function heading(page, text) {
    return { what: `the heading "${text}"`, test: async () => await h1(page) === text };
}

/* ------------------------------------------------------------------ the journey */

async function journey(p, carry) {
    const t = TEXT.sv;
    const { actor, coordinator, visitor } = p;
    const missionPath = `/missions/${MISSION.slug}`;
    let firstId = null;
    let secondId = null;

    /* 1. the representative proposes */
    const actorIn = await check('representative: the password alone signs in → /account', async () => {
        const resp = await passwordStep(actor, ACTOR, 'sv');
        expectPage(actor, resp, 200, '/account');
        assert(await h1(actor) === t.account, `h1 is "${await h1(actor)}", not "${t.account}"`);
        assert(await signOutButton(actor, 'sv').count() === 1, 'no Sign out button in the header');
    });
    if (!actorIn)
        return;
    const formOpen = await check(`representative: the mission page's "${t.propose}" → the form`, async () => {
        expectPage(actor, await open(actor, missionPath), 200);
        const resp = await navigating(actor, () => link(actor.locator('main'), t.propose).click());
        expectPage(actor, resp, 200, `${missionPath}/propose`);
        assert(await h1(actor) === t.propose, `h1 is "${await h1(actor)}"`);
        assert((await mainText(actor)).includes(`${t.mission} ${MISSION.title.sv}`),
            'the form does not name the mission');
        const lead = field(actor.locator('main'), t.lead);
        const chosen = await lead.evaluate((s) => s.options[s.selectedIndex].text);
        assert(chosen === MISSION.lead, `the lead actor offered is "${chosen}"`);
    });
    if (!formOpen)
        return;
    const sent = await check('representative: every part of the form filled, sent by keyboard → My proposals, waiting for review',
        async () => {
            const main = actor.locator('main');
            await field(main, t.title).fill(FIRST.title);
            await field(main, t.description).fill(FIRST.description);
            await field(main, MISSION.objective).check();
            await field(main, t.actor1).selectOption({ label: MISSION.partner });
            await field(main, t.role1).selectOption({ label: t.funder });
            await field(main, t.start).fill(FIRST.start);
            await field(main, t.end).fill(FIRST.end);
            await field(main, t.budget).fill(FIRST.budget);
            await field(main, t.sdg).fill(FIRST.sdg);
            const resp = await submitByKeyboard(actor, button(main, t.send));
            expectPage(actor, resp, 200, '/account/proposals');
            assert(await h1(actor) === t.mine, `h1 is "${await h1(actor)}"`);
            const state = await badge(actor, FIRST.title);
            assert(state === t.waiting, `the proposal's state reads "${state}", not "${t.waiting}"`);
        });
    if (!sent)
        return;
    const second = await check('representative: a second proposal, the title alone → waiting for review', async () => {
        expectPage(actor, await open(actor, missionPath), 200);
        await navigating(actor, () => link(actor.locator('main'), t.propose).click());
        const main = actor.locator('main');
        await field(main, t.title).fill(SECOND.title);
        const resp = await submitByKeyboard(actor, button(main, t.send));
        expectPage(actor, resp, 200, '/account/proposals');
        const state = await badge(actor, SECOND.title);
        assert(state === t.waiting, `the proposal's state reads "${state}"`);
    });
    if (!second)
        return;
    await check('a visitor\'s mission page lists neither proposal', async () => {
        expectPage(visitor, await open(visitor, missionPath), 200);
        const text = await mainText(visitor);
        assert(!text.includes(FIRST.title) && !text.includes(SECOND.title), 'the mission page shows a proposal');
    });

    /* 2. the coordinator asks for changes */
    const coordinatorIn = await check('coordinator: the password, then the TOTP code → /account', async () => {
        const resp = await passwordStep(coordinator, COORDINATOR, 'sv');
        expectPage(coordinator, resp, 200);
        assert(await h1(coordinator) === t.enterCode, `the second step's h1 is "${await h1(coordinator)}"`);
        const done = await codeStep(coordinator, COORDINATOR.totp, t.code);
        expectPage(coordinator, done, 200, '/account');
        assert(await h1(coordinator) === t.account, `h1 is "${await h1(coordinator)}"`);
    });
    if (!coordinatorIn)
        return;
    const queued = await check(`coordinator: the mission page's "${t.review}" → the queue, both proposals, showing what was proposed`,
        async () => {
            expectPage(coordinator, await open(coordinator, missionPath), 200);
            const resp = await navigating(coordinator, () => link(coordinator.locator('main'), t.review).click());
            expectPage(coordinator, resp, 200, `${missionPath}/review`);
            assert(await h1(coordinator) === t.review, `h1 is "${await h1(coordinator)}"`);
            const a = await onlyOne(article(coordinator, FIRST.title), `proposals titled "${FIRST.title}"`);
            const text = (await a.innerText()).replace(/\s+/g, ' ');
            for (const want of [`${t.proposedBy} ${ACTOR.name} (${ACTOR.email}), ${MISSION.lead}`,
                FIRST.description, `${MISSION.partner} (${t.funder})`, '250 000', FIRST.sdg])
                assert(text.includes(want), `the queue's entry does not say "${want}": ${text}`);
            const accept = await link(a, t.acceptLink).getAttribute('href');
            firstId = (accept.match(/^\/initiatives\/(\d+)\/review\/accept$/) || [])[1] || null;
            assert(firstId, `the accept link leads to ${accept}`);
            const b = await onlyOne(article(coordinator, SECOND.title), `proposals titled "${SECOND.title}"`);
            const decline = await link(b, t.declineLink).getAttribute('href');
            secondId = (decline.match(/^\/initiatives\/(\d+)\/review\/decline$/) || [])[1] || null;
            assert(secondId, `the decline link leads to ${decline}`);
        });
    if (!queued)
        return;
    await check(`coordinator: each proposal's "${t.whatChange}" field is named once, by its own label, with its own hint`,
        async () => {
            await namedOnce(coordinator, t.whatChange, 2);
            for (const [heading, id] of [[FIRST.title, firstId], [SECOND.title, secondId]])
                await ownCommentField(article(coordinator, heading), t, id);
        });

    // axe now, with two proposals waiting: the form, the queue, the confirmations
    const carried = await check('the sessions carry over to the axe contexts', carry);
    if (carried)
        await axeBeforeReview(p, missionPath, firstId, secondId);

    const asked = await check('coordinator: changes asked for with a comment → the queue, without it', async () => {
        expectPage(coordinator, await open(coordinator, `${missionPath}/review`), 200);
        const a = article(coordinator, FIRST.title);
        await field(a, t.whatChange).fill(FIRST.comment);
        const resp = await submitByKeyboard(coordinator, button(a, t.askChanges));
        expectPage(coordinator, resp, 200, `${missionPath}/review`);
        assert(await article(coordinator, FIRST.title).count() === 0, 'the proposal is still in the queue');
    });
    if (!asked)
        return;

    /* 3. the representative edits and resubmits */
    const seen = await check('representative: My proposals shows changes asked for, with the comment', async () => {
        expectPage(actor, await open(actor, '/account/proposals'), 200);
        const state = await badge(actor, FIRST.title);
        assert(state === t.changesAsked, `the proposal's state reads "${state}"`);
        const text = await article(actor, FIRST.title).innerText();
        assert(text.includes(FIRST.comment), 'the comment is not shown');
    });
    if (!seen)
        return;
    const editing = await check(`representative: "${t.editAgain}" → the form, under the comment, holding the proposal`,
        async () => {
            const resp = await navigating(actor, () => link(article(actor, FIRST.title), t.editAgain).click());
            expectPage(actor, resp, 200, `/initiatives/${firstId}/resubmit`);
            assert(await h1(actor) === t.resubmitTitle, `h1 is "${await h1(actor)}"`);
            const notice = (await actor.locator('main [role="status"]').innerText()).replace(/\s+/g, ' ');
            assert(notice.includes(t.askedForChanges) && notice.includes(FIRST.comment),
                `the form's notice says "${notice}"`);
            const main = actor.locator('main');
            assert(await field(main, t.title).inputValue() === FIRST.title, 'the form does not hold the title');
            assert(await field(main, MISSION.objective).isChecked(), 'the form lost the objective');
            const partner = await field(main, t.actor1).evaluate((el) => el.options[el.selectedIndex].text);
            assert(partner === MISSION.partner, `the form's first participant is "${partner}"`);
        });
    if (!editing)
        return;
    if (carried)
        await axeResubmit(p, firstId);
    const resubmitted = await check('representative: edited, sent again by keyboard → My proposals, waiting for review',
        async () => {
            const main = actor.locator('main');
            await field(main, t.title).fill(FIRST.retitled);
            await field(main, t.description).fill(FIRST.edited);
            const done = await submitByKeyboard(actor, button(main, t.sendAgain));
            expectPage(actor, done, 200, '/account/proposals');
            const state = await badge(actor, FIRST.retitled);
            assert(state === t.waiting, `the proposal's state reads "${state}"`);
        });
    if (!resubmitted)
        return;

    /* 4. the coordinator accepts */
    const accepted = await check(`coordinator: the edited proposal in the queue; "${t.acceptLink}" → the confirmation → accepted`,
        async () => {
            expectPage(coordinator, await open(coordinator, `${missionPath}/review`), 200);
            const a = await onlyOne(article(coordinator, FIRST.retitled), 'edited proposals');
            assert((await a.innerText()).includes(FIRST.edited), 'the queue does not show the edited description');
            const resp = await navigating(coordinator, () => link(a, t.acceptLink).click());
            expectPage(coordinator, resp, 200, `/initiatives/${firstId}/review/accept`);
            assert(await h1(coordinator) === t.acceptTitle, `h1 is "${await h1(coordinator)}"`);
            assert((await mainText(coordinator)).includes(FIRST.retitled), 'the confirmation does not name the proposal');
            const done = await submitByKeyboard(coordinator, button(coordinator.locator('main'), t.accept));
            expectPage(coordinator, done, 200, `/initiatives/${firstId}`);
            assert(await h1(coordinator) === FIRST.retitled, `h1 is "${await h1(coordinator)}"`);
            assert((await mainText(coordinator)).includes(t.bottomUp), `the initiative's page does not say "${t.bottomUp}"`);
        });
    if (!accepted)
        return;
    await check(`the mission page lists it under "${t.bottomUp}", ${t.accepted}, led by ${MISSION.lead}, for a visitor too`, async () => {
        for (const page of [actor, visitor]) {
            expectPage(page, await open(page, missionPath), 200);
            const section = page.locator('main section[aria-labelledby="init-bu"]');
            const h = (await section.locator('h3').innerText()).trim();
            assert(h.startsWith(t.bottomUp), `the section's heading is "${h}"`);
            const item = section.locator('li').filter({ has: link(page, FIRST.retitled) });
            assert(await item.count() === 1, `"${t.bottomUp}" does not list the initiative`);
            const text = (await item.innerText()).replace(/\s+/g, ' ');
            assert(text.includes(`${t.accepted} ${t.ledBy} ${MISSION.lead}`), `the entry says "${text}"`);
            assert(await link(item, FIRST.retitled).getAttribute('href') === `/initiatives/${firstId}`,
                'the entry links elsewhere');
        }
    });
    await check('representative: My proposals says accepted and links the initiative\'s page', async () => {
        expectPage(actor, await open(actor, '/account/proposals'), 200);
        const state = await badge(actor, FIRST.retitled);
        assert(state === t.accepted, `the proposal's state reads "${state}"`);
        const a = article(actor, FIRST.retitled);
        assert(await link(a, t.initiativePage).getAttribute('href') === `/initiatives/${firstId}`,
            `no "${t.initiativePage}" link to the initiative`);
    });

    /* 5. the second proposal, declined in English */
    const e = TEXT.en;
    const english = await check('coordinator: the queue switched to English with the header\'s "English"', async () => {
        expectPage(coordinator, await open(coordinator, `${missionPath}/review`), 200);
        const resp = await navigating(coordinator, () => link(coordinator.locator('header'), e.switchTo).click());
        expectPage(coordinator, resp, 200, `${missionPath}/review?lang=en`);
        assert(await h1(coordinator) === e.review, `h1 is "${await h1(coordinator)}"`);
        const lang = await coordinator.evaluate(() => document.documentElement.lang);
        assert(lang === 'en', `html lang="${lang}"`);
        const a = await onlyOne(article(coordinator, SECOND.title), `proposals titled "${SECOND.title}"`);
        assert(await button(a, e.askChanges).count() === 1, `no "${e.askChanges}" button`);
        const href = await link(a, e.declineLink).getAttribute('href');
        secondId = (href.match(/^\/initiatives\/(\d+)\/review\/decline/) || [])[1] || null;
        assert(secondId, `the decline link leads to ${href}`);
    });
    if (!english)
        return;
    if (carried)
        await axeStates(p.coordinatorAxe, 'decline confirmation, a proposal of a title alone',
        `/initiatives/${secondId}/review/decline`, 200, (lang) => heading(p.coordinatorAxe, TEXT[lang].declineTitle));
    const declined = await check(`coordinator: "${e.declineLink}" → the confirmation in English; no reason → the error; with one → declined`,
        async () => {
            const a = article(coordinator, SECOND.title);
            const resp = await navigating(coordinator, () => link(a, e.declineLink).click());
            expectPage(coordinator, resp, 200, `/initiatives/${secondId}/review/decline?lang=en`);
            assert(await h1(coordinator) === e.declineTitle, `h1 is "${await h1(coordinator)}"`);
            const main = coordinator.locator('main');
            const refused = await submitByKeyboard(coordinator, button(main, e.decline));
            expectPage(coordinator, refused, 422);
            const reason = field(main, e.reason);
            assert(await reason.getAttribute('aria-invalid') === 'true', 'the reason field is not aria-invalid');
            assert((await main.locator('.error-summary').innerText()).includes(e.giveReason),
                `the summary does not say "${e.giveReason}"`);
            await reason.fill(SECOND.reason);
            const done = await submitByKeyboard(coordinator, button(main, e.decline));
            expectPage(coordinator, done, 200, `${missionPath}/review?lang=en`);
            assert(await article(coordinator, SECOND.title).count() === 0, 'the proposal is still in the queue');
        });
    if (!declined)
        return;
    await check('representative: My proposals in English says declined, with the reason', async () => {
        expectPage(actor, await open(actor, '/account/proposals?lang=en'), 200);
        assert(await h1(actor) === e.mine, `h1 is "${await h1(actor)}"`);
        const state = await badge(actor, SECOND.title);
        assert(state === e.declined, `the proposal's state reads "${state}"`);
        assert((await article(actor, SECOND.title).innerText()).includes(SECOND.reason), 'the reason is not shown');
    });
    await check('a visitor\'s mission page does not list the declined proposal', async () => {
        expectPage(visitor, await open(visitor, missionPath), 200);
        assert(!(await mainText(visitor)).includes(SECOND.title), 'the mission page shows the declined proposal');
    });
}

/* ------------------------------------------------------------------ axe on each state */

// With both proposals waiting for review; id is the first's, second the second's.
async function axeBeforeReview(p, missionPath, id, second) {
    const a = p.actorAxe;
    const c = p.coordinatorAxe;
    for (const lang of LANGS) {
        const t = TEXT[lang];
        await state(a, `proposal form ${lang} empty`, () => open(a, withLang(`${missionPath}/propose`, lang)), 200);
        await state(a, `proposal form ${lang} sent empty`, () => navigating(a, () =>
            button(a.locator('main'), t.send).click()), 422,
        errorSummary(a, lang, t.enterTitle));
    }
    await axeStates(c, 'review queue, two proposals', `${missionPath}/review`, 200,
        (lang) => heading(c, TEXT[lang].review));
    for (const lang of LANGS) {
        const t = TEXT[lang];
        const summary = errorSummary(c, lang, t.sayWhat);
        await state(c, `review queue ${lang}, no comment on the second proposal`, async () => {
            await open(c, withLang(`${missionPath}/review`, lang));
            return navigating(c, () => button(article(c, SECOND.title), t.askChanges).click());
        }, 422, {
            what: `${summary.what}, linking to the second proposal's field, alone aria-invalid`,
            test: async () => await summary.test() &&
                await c.locator('main .error-summary a').getAttribute('href') === `#f-comment-${second}` &&
                await c.locator(`#f-comment-${second}`).getAttribute('aria-invalid') === 'true' &&
                await c.locator('main [aria-invalid="true"]').count() === 1,
        });
    }
    await axeStates(c, 'accept confirmation', `/initiatives/${id}/review/accept`, 200,
        (lang) => heading(c, TEXT[lang].acceptTitle));
    await axeStates(c, 'decline confirmation', `/initiatives/${id}/review/decline`, 200,
        (lang) => heading(c, TEXT[lang].declineTitle));
    for (const lang of LANGS) {
        const t = TEXT[lang];
        await state(c, `decline confirmation ${lang}, no reason`, async () => {
            await open(c, withLang(`/initiatives/${id}/review/decline`, lang));
            return navigating(c, () => button(c.locator('main'), t.decline).click());
        }, 422, errorSummary(c, lang, t.giveReason));
    }
}

// The resubmission form, while changes are asked for.
async function axeResubmit(p, id) {
    await axeStates(p.actorAxe, 'resubmission form', `/initiatives/${id}/resubmit`, 200,
        (lang) => heading(p.actorAxe, TEXT[lang].resubmitTitle));
}
