// Fix closure over examples/ and every file of ../shared/team-runbooks (four teams' own formats,
// `.html.md.erb` pages included); see fix-closure.test.ts.
import { EXAMPLES, TEAM, closureOver } from '../helpers/closure-files.js';

closureOver(EXAMPLES(), 4);
closureOver(TEAM(), 100);
