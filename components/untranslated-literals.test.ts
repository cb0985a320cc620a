// Every word a person reads comes from the catalogue (lib/i18n): this scans the UI's TSX for text
// nodes and user-facing attributes (aria-label, title, placeholder, alt, label) that hold a literal
// with letters. Names that are the same in every language (brands, units, symbols) are allowed below.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIRS = ['components', 'app'];
const ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
// Same in English and French: product and upstream names.
const ALLOWED = new Set(['Homelab', 'Proxmox', 'English', 'Français']);
// Shown when the root layout itself failed, so no catalogue is loaded: it says everything in both languages.
const BILINGUAL_FILES = new Set(['app/global-error.tsx']);

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(p);
    return e.name.endsWith('.tsx') && !e.name.includes('.test.') && !BILINGUAL_FILES.has(path.relative(ROOT, p)) ? [p] : [];
  });
}

const hasWords = (s: string) => /[A-Za-zÀ-ÿ]{2,}/.test(s) && !ALLOWED.has(s.trim());

/** Literal UI text in one TSX source: `file:line: text`. */
export function literalsIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const report = (node: ts.Node, text: string) => out.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  // A child expression's possible values: `{ok ? 'Yes' : 'No'}`, `{x ?? 'none'}`, `{`${n} left`}`.
  const values = (e: ts.Expression): void => {
    if (ts.isParenthesizedExpression(e)) return values(e.expression);
    if (ts.isConditionalExpression(e)) return (values(e.whenTrue), values(e.whenFalse));
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.PlusToken].includes(e.operatorToken.kind)) return (values(e.left), values(e.right));
    if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && hasWords(e.text)) report(e, e.text);
    if (ts.isTemplateExpression(e)) {
      const text = [e.head.text, ...e.templateSpans.map((sp) => sp.literal.text)].join(' ');
      if (hasWords(text)) report(e, e.getText(sf));
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) values(node.expression);
    if (ts.isJsxAttribute(node) && ATTRS.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && hasWords(init.text)) report(node, init.text);
      if (ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) && hasWords(init.expression.text)) report(node, init.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('UI text', () => {
  it('finds literals (the scanner itself works)', () => {
    const found = literalsIn('x.tsx', 'const A = () => <p title="Hello there" aria-label={"Menu"}>Start gaming {t("k")} <b>{x ? "Yes" : `${n} left`}</b> Homelab {"—"}</p>;');
    expect(found.map((f) => f.split(': ')[1])).toEqual(['Hello there', 'Menu', 'Start gaming', 'Yes', '`${n} left`']);
  });

  it('has no untranslated literal in components/ or app/', () => {
    const found = DIRS.flatMap((d) => tsxFiles(path.join(ROOT, d))).flatMap((f) => literalsIn(f, fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
