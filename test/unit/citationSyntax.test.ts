import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  citationInsertion,
  citationSyntaxFor,
  insertionKind,
  latexSyntax,
  orgSyntax,
  selectionAsQuery,
  pandocSyntax,
  rstSyntax,
  typstSyntax,
  type CitationSyntax,
  type CiteOptions,
} from '../../src/core/citation/languages';

/** Applies a citation insertion at the `|` of a text, the way the editor would. */
function insertAtBar(syntax: CitationSyntax, textWithBar: string, keys: string[], options: CiteOptions = {}): string {
  const offset = textWithBar.indexOf('|');
  const text = textWithBar.replace('|', '');
  const edit = citationInsertion(syntax, text, offset, keys, options);
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset);
}

/** The key prefix completion sees at the `|`. */
function prefixAtBar(syntax: CitationSyntax, textWithBar: string): string | undefined {
  return syntax.keyPrefixAt(textWithBar.replace('|', ''), textWithBar.indexOf('|'))?.prefix;
}

describe('the citation language table', () => {
  it('maps document languages to their citation syntax, or to a formatted reference', () => {
    assert.equal(citationSyntaxFor('latex'), latexSyntax);
    assert.equal(citationSyntaxFor('markdown'), pandocSyntax);
    assert.equal(citationSyntaxFor('quarto'), pandocSyntax);
    assert.equal(citationSyntaxFor('typst'), typstSyntax);
    assert.equal(insertionKind('plaintext'), 'reference');
    assert.equal(insertionKind('python'), 'reference');
    assert.equal(insertionKind('bibtex'), 'bibtex');
    assert.equal(insertionKind('toString'), 'reference');
  });
});

describe('a new citation after the text before it', () => {
  it('is set off from the sentence by a space after punctuation, in every syntax', () => {
    assert.equal(insertAtBar(typstSyntax, 'Heads retrieve facts.|', ['a']), 'Heads retrieve facts. @a');
    assert.equal(insertAtBar(pandocSyntax, 'as shown (twice),|', ['a']), 'as shown (twice), [@a]');
    assert.equal(insertAtBar(latexSyntax, 'as shown (twice)|', ['a']), 'as shown (twice) \\cite{a}');
  });

  it('keeps to the writer\'s own spacing and brackets', () => {
    assert.equal(insertAtBar(pandocSyntax, 'as shown |', ['a']), 'as shown [@a]');
    assert.equal(insertAtBar(latexSyntax, 'as shown (|)', ['a']), 'as shown (\\cite{a})');
    assert.equal(insertAtBar(typstSyntax, '|', ['a']), '@a');
  });
});

describe('LaTeX citations', () => {
  it('writes a new citation with the configured command', () => {
    assert.equal(insertAtBar(latexSyntax, 'as shown |.', ['a']), 'as shown \\cite{a}.');
    assert.equal(insertAtBar(latexSyntax, 'as shown |.', ['a', 'b'], { latexCommand: 'citep' }), 'as shown \\citep{a,b}.');
  });

  it('joins a key into the citation the cursor is in', () => {
    assert.equal(insertAtBar(latexSyntax, '\\cite{a|}', ['b']), '\\cite{a,b}');
    assert.equal(insertAtBar(latexSyntax, '\\cite{|}', ['b']), '\\cite{b}');
    assert.equal(insertAtBar(latexSyntax, '\\cite{a,|}', ['b']), '\\cite{a,b}');
    assert.equal(insertAtBar(latexSyntax, '\\cite{|a}', ['b']), '\\cite{b,a}');
    assert.equal(insertAtBar(latexSyntax, '\\citep[see][p.~3]{al|pha}', ['b', 'c']), '\\citep[see][p.~3]{alpha,b,c}');
    assert.equal(insertAtBar(latexSyntax, '\\parencite{a, |c}', ['b']), '\\parencite{a, b,c}');
  });

  it('does not cite a key twice in one citation', () => {
    assert.equal(insertAtBar(latexSyntax, '\\cite{a,b|}', ['a']), '\\cite{a,b}');
  });

  it('starts a new citation when the cursor is outside one or in a comment', () => {
    assert.equal(insertAtBar(latexSyntax, '\\cite{a} |', ['b']), '\\cite{a} \\cite{b}');
    assert.equal(insertAtBar(latexSyntax, '\\textbf{a |}', ['b']), '\\textbf{a \\cite{b}}');
    assert.equal(insertAtBar(latexSyntax, '% \\cite{a,|}', ['b']), '% \\cite{a, \\cite{b}}');
  });

  it('puts an unbreakable space between a word and a new citation', () => {
    assert.equal(insertAtBar(latexSyntax, 'as shown|.', ['a']), 'as shown~\\cite{a}.');
    assert.equal(insertAtBar(pandocSyntax, 'as shown|.', ['a']), 'as shown [@a].');
  });

  it('offers completion for the key being typed in any cite command', () => {
    assert.equal(prefixAtBar(latexSyntax, '\\cite{nich|'), 'nich');
    assert.equal(prefixAtBar(latexSyntax, '\\citet{a, fe|}'), 'fe');
    assert.equal(prefixAtBar(latexSyntax, '\\autocite[p.~2]{|}'), '');
    assert.equal(prefixAtBar(latexSyntax, '\\textcite{a}{b|'), 'b');
    assert.equal(prefixAtBar(latexSyntax, '\\section{Intro|'), undefined);
    assert.equal(prefixAtBar(latexSyntax, '\\cite{a} and |'), undefined);
  });

  it('finds every cited key with its position, skipping comments', () => {
    const text = 'See \\cite{a, b} and \\citep[p.~1]{c}.\n% \\cite{hidden}\n\\cites{d}{e}';
    const keys = latexSyntax.citedKeys(text);
    assert.deepEqual(keys.map((k) => k.key), ['a', 'b', 'c', 'd', 'e']);
    for (const k of keys) assert.equal(text.slice(k.start, k.end), k.key);
  });

  it('names the bibliography files of \\bibliography and \\addbibresource', () => {
    assert.deepEqual(latexSyntax.bibliographyFiles('\\bibliography{refs,more/other}'), ['refs.bib', 'more/other.bib']);
    assert.deepEqual(latexSyntax.bibliographyFiles('\\addbibresource[label=x]{lib.bib}\n%\\bibliography{old}'), ['lib.bib']);
  });
});

describe('Pandoc Markdown citations', () => {
  it('writes bracketed citations and joins keys with semicolons', () => {
    assert.equal(insertAtBar(pandocSyntax, 'Claim |.', ['a', 'b']), 'Claim [@a; @b].');
    assert.equal(insertAtBar(pandocSyntax, 'Claim [@a|].', ['b']), 'Claim [@a; @b].');
    assert.equal(insertAtBar(pandocSyntax, 'Claim [see @a, p. 3|].', ['b']), 'Claim [see @a, p. 3; @b].');
    assert.equal(insertAtBar(pandocSyntax, 'Claim [@|].', ['b', 'c']), 'Claim [@b; @c].');
    assert.equal(insertAtBar(pandocSyntax, 'Claim [@a; @b|].', ['b']), 'Claim [@a; @b].');
  });

  it('leaves ordinary links and brackets alone', () => {
    assert.equal(insertAtBar(pandocSyntax, 'a [link|](x)', ['b']), 'a [link [@b]](x)');
  });

  it('completes after [@ and @, but not in an e-mail address', () => {
    assert.equal(prefixAtBar(pandocSyntax, 'text [@nich|'), 'nich');
    assert.equal(prefixAtBar(pandocSyntax, 'text [@a; @|'), '');
    assert.equal(prefixAtBar(pandocSyntax, 'as @nich|'), 'nich');
    assert.equal(prefixAtBar(pandocSyntax, 'mail me@exa|'), undefined);
  });

  it('finds cited keys outside front matter and code, telling bracketed from bare ones', () => {
    const text = '---\ntitle: "@notakey"\nbibliography: refs.bib\n---\nSee [@a; -@b] and @c said.\n```\n@code\n```\nme@mail.org';
    const keys = pandocSyntax.citedKeys(text);
    assert.deepEqual(keys.map((k) => [k.key, k.bracketed]), [['a', true], ['b', true], ['c', false]]);
    for (const k of keys) assert.equal(text.slice(k.start, k.end), k.key);
  });

  it('reads the bibliography from the YAML front matter in its three forms', () => {
    assert.deepEqual(pandocSyntax.bibliographyFiles('---\nbibliography: refs.bib\n---\n'), ['refs.bib']);
    assert.deepEqual(pandocSyntax.bibliographyFiles('---\nbibliography: [a.bib, "b.bib"]\n---\n'), ['a.bib', 'b.bib']);
    assert.deepEqual(pandocSyntax.bibliographyFiles('---\ntitle: x\nbibliography:\n  - a.bib\n  - b.bib\nlang: en\n---\n'), ['a.bib', 'b.bib']);
    assert.deepEqual(pandocSyntax.bibliographyFiles('no front matter\nbibliography: x.bib'), []);
  });
});

describe('Typst citations', () => {
  it('writes @key references or #cite calls per setting', () => {
    assert.equal(insertAtBar(typstSyntax, 'Claim |.', ['a', 'b']), 'Claim @a @b.');
    assert.equal(insertAtBar(typstSyntax, 'Claim |.', ['a'], { typstStyle: 'function' }), 'Claim #cite(<a>).');
  });

  it('adds a key after the reference the cursor is in', () => {
    assert.equal(insertAtBar(typstSyntax, 'Claim @a|.', ['b']), 'Claim @a @b.');
    assert.equal(insertAtBar(typstSyntax, 'Claim @|.', ['b']), 'Claim @b.');
    assert.equal(insertAtBar(typstSyntax, 'Claim #cite(<a|>).', ['b'], { typstStyle: 'function' }), 'Claim #cite(<a>) #cite(<b>).');
    assert.equal(insertAtBar(typstSyntax, 'mail x@a|', ['b']), 'mail x@a @b');
  });

  it('finds cited keys but not references to the document\'s own labels', () => {
    const text = '= Intro <intro>\nSee @a and #cite(<b>), also @intro.\n// @commented\n#bibliography("refs.bib")';
    assert.deepEqual(typstSyntax.citedKeys(text).map((k) => k.key), ['a', 'b']);
    assert.deepEqual(typstSyntax.bibliographyFiles(text), ['refs.bib']);
    assert.deepEqual(typstSyntax.bibliographyFiles('#bibliography(("a.bib", "b.yml"))'), ['a.bib', 'b.yml']);
  });

  it('completes after @ and inside #cite(<', () => {
    assert.equal(prefixAtBar(typstSyntax, 'see @fe|'), 'fe');
    assert.equal(prefixAtBar(typstSyntax, '#cite(<fe|'), 'fe');
  });
});

describe('Org and reStructuredText citations', () => {
  it('writes and joins org-cite citations', () => {
    assert.equal(insertAtBar(orgSyntax, 'Claim |.', ['a', 'b']), 'Claim [cite:@a;@b].');
    assert.equal(insertAtBar(orgSyntax, 'Claim [cite:@a|].', ['b']), 'Claim [cite:@a;@b].');
    assert.deepEqual(orgSyntax.citedKeys('x [cite/t:@a;@b] y').map((k) => k.key), ['a', 'b']);
    assert.deepEqual(orgSyntax.bibliographyFiles('#+bibliography: refs.bib\n'), ['refs.bib']);
  });

  it('writes and joins sphinxcontrib-bibtex roles', () => {
    assert.equal(insertAtBar(rstSyntax, 'Claim |.', ['a', 'b']), 'Claim :cite:`a,b`.');
    assert.equal(insertAtBar(rstSyntax, 'Claim :cite:p:`a|`.', ['b']), 'Claim :cite:p:`a,b`.');
    assert.deepEqual(rstSyntax.citedKeys(':cite:`a, b`').map((k) => k.key), ['a', 'b']);
  });
});

describe('selected text as a search query', () => {
  it('drops citations and markup so only the claim is searched', () => {
    assert.equal(selectionAsQuery('Shallow transformers store facts \\cite{nichani} in \\emph{associative} memories'), 'Shallow transformers store facts in associative memories');
    assert.equal(selectionAsQuery('Spiking nets lose\ninformation [@a; @b] as @c said'), 'Spiking nets lose information as said');
    assert.equal(selectionAsQuery('memories \\cite{a}, and more'), 'memories, and more');
    assert.equal(selectionAsQuery('x'.repeat(300)).length, 200);
  });
});

describe('citation syntax properties', () => {
  const syntaxes = [latexSyntax, pandocSyntax, typstSyntax, orgSyntax, rstSyntax];
  const key = fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/);

  it('never throws on random text and cursor positions, and inserts only at or after the cursor', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.array(key, { minLength: 1, maxLength: 3 }), (text, n, keys) => {
        const offset = n % (text.length + 1);
        for (const syntax of syntaxes) {
          const edit = citationInsertion(syntax, text, offset, keys);
          assert.ok(edit.offset >= offset && edit.offset <= text.length);
          syntax.keyPrefixAt(text, offset);
          syntax.citedKeys(text);
          syntax.bibliographyFiles(text);
        }
      }),
    );
  });

  it('reads back the keys of a citation it wrote', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 4 }), (keys) => {
        for (const syntax of syntaxes) {
          const text = `Before ${syntax.cite(keys)} after.`;
          assert.deepEqual(syntax.citedKeys(text).map((k) => k.key), keys, syntax.id);
        }
      }),
    );
  });
});
