import 'server-only';

// The GitHub client: the only importer of @octokit/rest. Returns our own shapes, throws UpstreamError.
export { connectGithub, github, type GithubClient, type GithubConfig } from './connect';
export { readRepoFile, readFileAt, headOf, listFiles, listTree, readBlob, commitsFor, isAncestor, type RepoFile, type CommitInfo, type TreeEntry } from './read';
export { commitFiles, openPullRequest, getPullRequest, mergePullRequest, findCommitWith, closePullRequest, type FileWrite, type CommitOutcome, type PullRequest } from './commit';
