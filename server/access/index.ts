/**
 * Who may see and change what: scopes (sites, an enterprise, the installation), the anchors of
 * entities in the plant and their programs, and the row checks domain functions make at their top.
 */
export { anchorOf, type Anchor, type AnchoredKind } from './anchors.ts';
export { checkMayChange, checkSees, forbidden, mayChange, standsInFor, type StewardOptions } from './checks.ts';
export { scopeFrom, scopeOf, seesSites, siteIdsOf, systemViewer, wholeInstallation, type Scope, type Viewer } from './scope.ts';
export { keepReadsFor } from './requestReads.ts';
export { coverage, visibilityFor, type Coverage, type Visibility } from './visibility.ts';
