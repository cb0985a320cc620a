// Argo CD behaviour of the simulator: the Applications served by the Argo CD cluster's kube API and
// their sync lifecycle driven by pushes to the GitOps repository. Started by startKubeSim's `argocd`
// option (sim/kubernetes); usable alone on any KubeStore.
export { ArgoCdController, startArgoCd } from './controller';
export type { ArgoOptions, ArgoTarget, HealthStatus, SyncStatus } from './controller';
export { BadImages } from './bad-images';
export { appDefs, overlayPath, clusterOverlayFile, SYNC_WAVE, vmAppDef } from './applications';
export type { AppDef, VmAppSpec } from './applications';
export { renderApp, renderVm, imageRef } from './render';
export type { Rendered } from './render';
