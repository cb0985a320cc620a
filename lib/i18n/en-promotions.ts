// English messages of promotions after Live (issue 17): confirmations, holds and Resume.
export const enPromotions = {
  'promo.s.merging': 'Merging the pull request',
  'promo.confirm.cancel': 'Cancel',
  'promo.confirm.title': 'This changes PROD',
  'promo.confirm.approve': 'Commit {summary} for {service} to PROD? Argo CD then applies it.',
  'promo.confirm.approveAnyway': 'Not every gate has passed. Commit {summary} for {service} to PROD anyway?',
  'promo.confirm.batch': 'Commit {n, plural, one {# promotion} other {# promotions}} to PROD in one commit ({services})?',
  'promo.confirm.approveYes': 'Yes, promote',
  'promo.confirm.rollback': 'Roll back "{title}"? PROD goes back to the previous versions, and auto-promotion of {services} is held until you press Resume.',
  'promo.confirm.rollbackYes': 'Yes, roll back',
  'promo.confirm.merge': 'Merge pull request #{n} into the GitOps branch? PROD then runs "{title}".',
  'promo.confirm.mergeYes': 'Yes, merge',
  'promo.degradedAfter': 'PROD turned Degraded after this promotion. Roll back restores the previous versions.',
  'promo.holds': 'Auto-promotion on hold',
  'promo.held': '{service}: held since {when} ({reason}). The version that was rolled back is not promoted again by itself.',
  'promo.resume': 'Resume auto-promotion of {service}',
} as const;
