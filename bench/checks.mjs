// What each search should find, for `make bench-compare`: typo, phrase and filter
// queries from the archive, each written in our query language and as the nearest thing
// Pagefind can be asked (a search term and its filters; `null` when it cannot be asked).
//
// An answer is one entry on the results screen: for us a hit (link, crate, quote,
// issue); for Pagefind a section of a page (sub-result) as its default UI nests them, up
// to three per page, or the page itself when none is nested. Each answer is
// `{ issue, date, section, text }`, `text` lower-cased with hyphens and underscores read
// as spaces, so `zero-cost` matches "zero cost". A check looks at the first ten.

export const normalise = (s) => s.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ');

const mention = (answers, words) => answers.filter((a) => a.text.includes(normalise(words))).length;
const inIssue = (answers, issues) => answers.slice(0, 10).some((a) => issues.includes(a.issue));
const allOf = (answers, n, test) => answers.length >= n && answers.slice(0, n).every(test);

// Sections of the events listing: its region sub-headings are sections of their own on a
// page, and count as the events section too.
const EVENTS = /event|virtual|europe|asia|america|oceania|africa/i;

// A misspelling, asked as typed by both: 3 of the first 5 answers should mention the
// word meant (`shown` is how the expectation names it).
const typo = (query, meant, shown) => ({
  kind: 'typo', ours: query, pagefind: { term: query },
  expect: `3 of the first 5 mention ${shown}`,
  pass: (a) => mention(a.slice(0, 5), meant) >= 3,
});

// A quoted phrase, asked as typed by both: the first 5 answers hold it, and (when
// `issues` are given) one of those issues is in the first 10.
const phrase = (text, issues = [], which = '') => ({
  kind: 'phrase', ours: `"${text}"`, pagefind: { term: `"${text}"` },
  expect: `the first 5 hold ${issues.length ? `the phrase; ${which} in the first 10` : `"${text}"`}`,
  pass: (a) => allOf(a, 5, (x) => x.text.includes(normalise(text))) && (!issues.length || inIssue(a, issues)),
});

export const CHECKS = [
  typo('tokoi', 'tokio', 'tokio'),
  typo('borow checker', 'borrow checker', '"borrow checker"'),
  typo('rust analyser', 'rust analyzer', 'rust-analyzer'),
  typo('webassembley', 'webassembly', 'WebAssembly'),
  typo('asyncronous', 'asynchronous', '"asynchronous"'),
  phrase('fearless concurrency', [77], 'the 2015 blog post (issue 77)'),
  phrase('non-lexical lifetimes', [129], 'the 2016 introduction (issue 129)'),
  phrase('zero cost abstractions', [159, 287], 'issue 159 or 287'),
  phrase('the book'),
  {
    kind: 'filter', ours: 'tokio year:2017', pagefind: { term: 'tokio', filters: { year: '2017' } },
    expect: 'all of the first 10 (at least 5) from 2017 and about tokio',
    pass: (a) => a.length >= 5 && a.slice(0, 10).every((x) => x.date.startsWith('2017') && x.text.includes('tokio')),
  },
  {
    kind: 'filter', ours: 'kind:crate year:2019', pagefind: { term: 'crate of the week', filters: { year: '2019' } },
    expect: 'the first 10 are crates of the week of 2019',
    pass: (a) => allOf(a, 10, (x) => x.date.startsWith('2019') && /crate of the week/i.test(x.section)),
  },
  {
    kind: 'filter', ours: 'author:llogiq kind:quote', pagefind: { term: 'llogiq' },
    expect: 'the first 5 are quotes of the week naming llogiq',
    pass: (a) => allOf(a, 5, (x) => /quote of the week/i.test(x.section) && x.text.includes('llogiq')),
  },
  {
    kind: 'filter', ours: 'section:events berlin', pagefind: { term: 'berlin' },
    expect: 'the first 5 are events in Berlin',
    pass: (a) => allOf(a, 5, (x) => EVENTS.test(x.section) && x.text.includes('berlin')),
  },
  {
    kind: 'filter', ours: 'site:blog.rust-lang.org year:2015', pagefind: null,
    expect: 'the first 10 link to blog.rust-lang.org, from 2015',
    pass: (a) => allOf(a, 10, (x) => x.date.startsWith('2015') && x.text.includes('blog.rust lang.org')),
  },
];
