// Ids the manifest (package.json contributes) and the code share; the editor tests rely on them.
export const COMMANDS = {
  newRunbook: 'runbooks.newRunbook',
  insertTemplate: 'runbooks.insertTemplate',
  markReviewed: 'runbooks.markReviewed',
  checkAll: 'runbooks.checkAll',
  showDod: 'runbooks.showDod',
  refreshTree: 'runbooks.refreshTree',
  createRunbookForAlert: 'runbooks.createRunbookForAlert',
  showStepGraph: 'runbooks.showStepGraph',
  openHealthReport: 'runbooks.openHealthReport',
} as const;

export const TREE_VIEW = 'runbooks.tree';
export const WALKTHROUGH = 'runbooks.firstRunbook';
