// phone.mjs — reading the public pages on a phone (390 px) and a desktop (1280 px), in Swedish
// and English, without JavaScript (the site has none), each page photographed.
//
//   node tests/browser/phone.mjs http://127.0.0.1:PORT OUTDIR
//
// For each page, language and width it saves OUTDIR/<page>-<lang>-<width>.png (the whole page)
// and checks what a reader on that screen would notice:
//   - no sideways scrolling: document.scrollingElement.scrollWidth <= innerWidth;
//   - every visible text is at least 12 px as rendered: the computed font size of HTML text,
//     and for SVG text the computed size times the scale the SVG is drawn at (its screen
//     transform), so a chart scaled down to a phone counts at the size it is seen;
//   - the status (Bedömning / Progress) and trend cells of every indicator table, and every
//     status badge and sparkline of the page, lie inside the viewport;
// on the initiative and actor lists at 390 px, that each row's name has the page's width
// (no column beside it); and, on the mission pages, that the state-of-play sparklines sit in
// one column (one left edge), each inside its row, each with the words for which way is
// better beside it and in its accessible name; and that the tables are still tables to a
// screen reader at 390 px (Chromium's accessibility tree, read over CDP, has the table, its
// rows and cells).
//
// Output is TAP-like, as the other scripts (lib.mjs): the last line is
// "browser: N passed, N failed", exit 1 on any failure.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
    assert, broke, check, diag, finish, launch, LANGS, open, usage, useBase, withLang,
} from './lib.mjs';

const WIDTHS = [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
];
const MIN_PX = 12;
const CLEAR_PX = 2;
// The pages issue 12 names: home, both demo missions, an indicator, the initiatives and actors
// lists, an actor, the SDG page; and an initiative, whose actors are a table too.
const PAGES = [
    { name: 'home', path: '/' },
    { name: 'mission-skolmat', path: '/missions/skolmat', mission: true },
    { name: 'mission-gator', path: '/missions/gator', mission: true },
    { name: 'indicator-1', path: '/indicators/1' },
    { name: 'initiatives', path: '/initiatives', list: true },
    { name: 'initiative-1', path: '/initiatives/1' },
    { name: 'actors', path: '/actors', list: true },
    { name: 'actor-9', path: '/actors/9' },
    { name: 'sdg', path: '/sdg' },
];
// the column headers of the goal tree's indicator tables whose cells must stay in view
const STATUS_TREND = { sv: ['Bedömning', 'Trend'], en: ['Progress', 'Trend'] };
const BETTER = { sv: /^[↑↓] bättre$/, en: /^[↑↓] better$/ };
const BETTER_NAME = { sv: /(högre|lägre) är bättre/, en: /(higher|lower) is better/ };

if (!useBase(process.argv[2]) || !process.argv[3])
    usage('node phone.mjs http://HOST:PORT OUTDIR');
const outdir = process.argv[3];

let browser = null;
try {
    mkdirSync(outdir, { recursive: true });
    diag(`screenshots in ${outdir}`);
    browser = await launch();
    const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: false });
    context.setDefaultTimeout(10000);
    context.setDefaultNavigationTimeout(15000);
    const page = await context.newPage();
    for (const p of PAGES)
        for (const lang of LANGS)
            for (const vp of WIDTHS)
                await checkPage(page, p, lang, vp);
} catch (e) {
    broke(e);
} finally {
    if (browser)
        await browser.close().catch(() => {});
}
finish();

async function checkPage(page, p, lang, vp) {
    const name = (what) => `${p.path} ${lang} ${vp.width}px: ${what}`;
    let loaded = false;

    await check(name('status 200, screenshot saved'), async () => {
        await page.setViewportSize(vp);
        const resp = await open(page, withLang(p.path, lang));
        assert(resp.status() === 200, `status ${resp.status()}`);
        loaded = true;
        await page.screenshot({ path: join(outdir, `${p.name}-${lang}-${vp.width}.png`), fullPage: true });
    });
    const must = () => assert(loaded, 'the page did not load');

    await check(name('no horizontal overflow'), async () => {
        must();
        const o = await page.evaluate(() => ({
            scroll: document.scrollingElement.scrollWidth,
            inner: window.innerWidth,
        }));
        assert(o.scroll <= o.inner, `scrollWidth ${o.scroll} > innerWidth ${o.inner}`);
    });

    await check(name(`every visible text at least ${MIN_PX}px as rendered`), async () => {
        must();
        const small = await page.evaluate(textSizes, MIN_PX);
        assert(small.length === 0, `${small.length} text(s) below ${MIN_PX}px, e.g. ` +
            small.slice(0, 5).map((s) => `"${s.text}" ${s.px}px (${s.tag})`).join(', '));
    });

    await check(name('status and trend cells inside the viewport'), async () => {
        must();
        const r = await page.evaluate(statusTrend, STATUS_TREND[lang]);
        assert(r.out.length === 0, `${r.out.length} of ${r.n} outside 0..${r.inner}px, e.g. ` +
            r.out.slice(0, 4).join('; '));
        if (p.mission)
            assert(r.cells > 0, 'the mission page has no indicator table with status and trend');
    });

    if (p.list && vp.width === 390) {
        // a record's name gets the width of the screen, not a column beside a repeated
        // mission name
        await check(name("each row's name as wide as the list"), async () => {
            must();
            const r = await page.evaluate(() => {
                const main = document.querySelector('main').getBoundingClientRect().width;
                const rows = [...document.querySelectorAll('main table tbody tr')];
                const narrow = rows.map((tr) => tr.cells[0].getBoundingClientRect().width)
                    .filter((w) => w < 0.8 * main);
                return { main, rows: rows.length, narrow };
            });
            assert(r.rows > 0, 'the list has no rows');
            assert(r.narrow.length === 0, `${r.narrow.length} of ${r.rows} names in a column ` +
                `narrower than 80 % of the ${Math.round(r.main)} px page, e.g. ${Math.round(r.narrow[0])} px`);
        });
    }
    if (!p.mission)
        return;

    // the state of play's rows, read once; each check below fails on its own
    let rows = null;
    const readRows = async () => {
        must();
        if (rows === null)
            rows = await page.evaluate(() => [...document.querySelectorAll('.overview li li')].map((li) => {
                const svg = li.querySelector('svg.spark');
                const note = li.querySelector('.better');
                const box = (e) => e.getBoundingClientRect();
                return {
                    title: li.querySelector('a').textContent.trim(),
                    spark: svg ? { left: box(svg).left, top: box(svg).top, bottom: box(svg).bottom } : null,
                    name: svg ? svg.getAttribute('aria-label') : null,
                    row: { top: box(li).top, bottom: box(li).bottom },
                    note: note ? note.textContent.trim() : null,
                    noteVisible: note ? box(note).width > 0 : false,
                };
            }));
        const sparks = rows.filter((x) => x.spark);
        assert(sparks.length >= 2, `${sparks.length} sparklines in the state of play`);
        return sparks;
    };
    await check(name('state-of-play sparklines in one column'), async () => {
        const lefts = [...new Set((await readRows()).map((x) => Math.round(x.spark.left)))];
        assert(lefts.length === 1, `the sparklines start at ${lefts.length} left edges: ${lefts.join(', ')}px`);
    });
    // inside with room to spare: a line that touches its row's edge reads as part of the next
    await check(name(`state-of-play sparklines inside their rows, ${CLEAR_PX}px clear of the edges`), async () => {
        for (const x of await readRows())
            assert(x.spark.top >= x.row.top + CLEAR_PX && x.spark.bottom <= x.row.bottom - CLEAR_PX,
                `"${x.title}": the sparkline (${x.spark.top.toFixed(1)}–${x.spark.bottom.toFixed(1)}px) ` +
                `is not inside its row (${x.row.top.toFixed(1)}–${x.row.bottom.toFixed(1)}px) with ${CLEAR_PX}px to spare`);
    });
    await check(name('state-of-play sparklines say which way is better, in words and in their names'), async () => {
        for (const x of await readRows()) {
            assert(x.note !== null && BETTER[lang].test(x.note) && x.noteVisible,
                `"${x.title}": no visible "↑/↓ ${lang === 'sv' ? 'bättre' : 'better'}" beside the sparkline (${x.note})`);
            assert(BETTER_NAME[lang].test(x.name || ''),
                `"${x.title}": the sparkline's name does not say which way is better: "${x.name}"`);
        }
    });

    if (vp.width !== 390)
        return;
    await check(name('the indicator tables are tables in the accessibility tree'), async () => {
        must();
        const cdp = await page.context().newCDPSession(page);
        try {
            const { nodes } = await cdp.send('Accessibility.getFullAXTree');
            const count = (role) => nodes.filter((x) => !x.ignored && x.role && x.role.value === role).length;
            const dom = await page.evaluate(() => ({
                tables: document.querySelectorAll('main table').length,
                cells: document.querySelectorAll('main table td').length,
            }));
            assert(count('table') >= dom.tables, `${count('table')} tables in the tree, ${dom.tables} in the page`);
            assert(count('cell') + count('gridcell') >= dom.cells,
                `${count('cell')} cells in the tree, ${dom.cells} in the page`);
            assert(count('columnheader') > 0 && count('rowheader') > 0,
                `${count('columnheader')} column and ${count('rowheader')} row headers in the tree`);
        } finally {
            await cdp.detach().catch(() => {});
        }
    });
}

// In the page: the visible texts smaller than min px as rendered (at most 50).
function textSizes(min) {
    const out = [];
    const hidden = (el) => {
        for (let a = el; a && a !== document.body; a = a.parentElement) {
            if (a.closest('svg') && ['title', 'desc'].includes(a.tagName.toLowerCase()))
                return true;
            const cs = getComputedStyle(a);
            if (cs.visibility === 'hidden' || cs.display === 'none')
                return true;
            const r = a.getBoundingClientRect();
            // clipped to a pixel: text for screen readers only
            if (r.width <= 1 && r.height <= 1 && cs.overflow !== 'visible')
                return true;
        }
        return false;
    };
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walk.nextNode(); t && out.length < 50; t = walk.nextNode()) {
        const el = t.parentElement;
        if (!el || !t.textContent.trim() || ['script', 'style'].includes(el.tagName.toLowerCase()))
            continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        if ([...range.getClientRects()].every((r) => r.width === 0 || r.height === 0) || hidden(el))
            continue;
        let px = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement) {
            // the size in user units times the scale the SVG is drawn at
            const m = el.getScreenCTM();
            px *= Math.hypot(m.b, m.d);
        }
        if (px < min - 0.01)
            out.push({ text: t.textContent.trim().slice(0, 40), px: Math.round(px * 10) / 10, tag: el.tagName.toLowerCase() });
    }
    return out;
}

// In the page: the status and trend cells of the tables that have both columns (found by
// their column headers' text), every status badge and every sparkline, and which of them are
// not wholly inside the viewport horizontally.
function statusTrend(headers) {
    const inner = window.innerWidth;
    const out = [];
    let n = 0;
    let cells = 0;
    const test = (el, what) => {
        const r = el.getBoundingClientRect();
        n++;
        if (r.width === 0 || r.left < -0.5 || r.right > inner + 0.5)
            out.push(`${what} at ${Math.round(r.left)}–${Math.round(r.right)}px`);
    };
    for (const table of document.querySelectorAll('main table')) {
        const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
        const cols = headers.map((h) => heads.indexOf(h));
        if (cols.some((c) => c < 0))
            continue;
        for (const tr of table.querySelectorAll('tbody tr')) {
            const title = tr.cells[0].textContent.trim().slice(0, 30);
            cols.forEach((c, i) => {
                cells++;
                test(tr.cells[c], `${headers[i]} of "${title}"`);
            });
        }
    }
    for (const el of document.querySelectorAll('main .status'))
        test(el, `status "${el.textContent.trim()}"`);
    for (const el of document.querySelectorAll('main svg.spark'))
        test(el, `sparkline "${(el.getAttribute('aria-label') || '').slice(0, 30)}"`);
    return { inner, n, cells, out };
}
