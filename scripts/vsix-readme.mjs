// The README inside the .vsix: the repository README with SVG images turned into links, since
// the marketplace (and vsce) reject SVG images in an extension's README.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const src = readFileSync('README.md', 'utf8');
const out = src.replace(/!\[([^\]]*)\]\(([^)\s]+\.svg)\)/g, '[$1 (chart)]($2)');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/README.vsix.md', out);
