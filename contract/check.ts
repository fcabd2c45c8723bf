/**
 * The compiler's contract check: each seed response type must accept what the service's OpenAPI says it answers,
 * and each seed request body must be accepted by what the service's OpenAPI says it takes. A service that drifts
 * from the seed plan fails `tsc --strict` here, with the endpoint in the constant's name and the field in the
 * message.
 */
import type { Answer, Request } from './api';
import type { paths as AnalyticsIngest } from './generated/analytics-ingest';
import type { paths as AudioPipeline } from './generated/audio-pipeline';
import type { paths as Billing } from './generated/billing';
import type { paths as Captions } from './generated/captions';
import type { paths as Community } from './generated/community';
import type { paths as StudioCollab } from './generated/studio-collab';
import type { paths as Trends } from './generated/trends';
import type * as Seed from './seed';

// 1.1 AI Magic Generator
/** POST /api/mashup/ai, answer */
export const POST_api_mashup_ai: Seed.MashupAiStartResponse = {} as Answer<AudioPipeline['/api/mashup/ai']['post']>;
/** GET /api/mashup/ai/{id}, answer */
export const GET_api_mashup_ai_id: Seed.MashupAiStatusResponse = {} as Answer<
  AudioPipeline['/api/mashup/ai/{id}']['get']
>;

// 1.2 Billing
/** POST /api/billing/checkout, request body */
export const POST_api_billing_checkout_body: Request<Billing['/api/billing/checkout']['post']> =
  {} as Seed.BillingCheckoutRequest;
/** POST /api/billing/checkout, answer */
export const POST_api_billing_checkout: Seed.BillingCheckoutResponse = {} as Answer<
  Billing['/api/billing/checkout']['post']
>;
/** POST /api/billing/portal, answer */
export const POST_api_billing_portal: Seed.BillingPortalResponse = {} as Answer<Billing['/api/billing/portal']['post']>;
/** GET /api/billing/subscription, answer */
export const GET_api_billing_subscription: Seed.BillingSubscriptionResponse = {} as Answer<
  Billing['/api/billing/subscription']['get']
>;

// 1.3 Real-time collaboration
/** GET /api/projects/{id}/collaborators, answer */
export const GET_api_projects_id_collaborators: Seed.ProjectCollaboratorsResponse = {} as Answer<
  StudioCollab['/api/projects/{id}/collaborators']['get']
>;
/** POST /api/projects/{id}/join, answer */
export const POST_api_projects_id_join: Seed.ProjectJoinResponse = {} as Answer<
  StudioCollab['/api/projects/{id}/join']['post']
>;

// 1.4 Auto-captions
/** POST /api/captions/generate, request body */
export const POST_api_captions_generate_body: Request<Captions['/api/captions/generate']['post']> =
  {} as Seed.CaptionsGenerateRequest;
/** POST /api/captions/generate, answer */
export const POST_api_captions_generate: Seed.CaptionsGenerateResponse = {} as Answer<
  Captions['/api/captions/generate']['post']
>;
/** GET /api/captions/{mashupId}, answer */
export const GET_api_captions_mashupId: Seed.CaptionsResponse = {} as Answer<Captions['/api/captions/{mashupId}']['get']>;

// 2.1 Battles
/** GET /api/battles, answer */
export const GET_api_battles: Seed.BattlesResponse = {} as Answer<Community['/api/battles']['get']>;
/** GET /api/battles/{id}, answer */
export const GET_api_battles_id: Seed.BattleResponse = {} as Answer<Community['/api/battles/{id}']['get']>;
/** POST /api/battles/{id}/entries, request body */
export const POST_api_battles_id_entries_body: Request<Community['/api/battles/{id}/entries']['post']> =
  {} as Seed.BattleEntryRequest;
/** POST /api/battles/{id}/vote, request body */
export const POST_api_battles_id_vote_body: Request<Community['/api/battles/{id}/vote']['post']> =
  {} as Seed.BattleVoteRequest;

// 2.2 Challenges
/** GET /api/challenges/current, answer */
export const GET_api_challenges_current: Seed.ChallengesCurrentResponse = {} as Answer<
  Community['/api/challenges/current']['get']
>;
/** GET /api/challenges/{id}/entries, answer */
export const GET_api_challenges_id_entries: Seed.ChallengeEntriesResponse = {} as Answer<
  Community['/api/challenges/{id}/entries']['get']
>;
/** GET /api/challenges/{id}/leaderboard, answer */
export const GET_api_challenges_id_leaderboard: Seed.ChallengeLeaderboardResponse = {} as Answer<
  Community['/api/challenges/{id}/leaderboard']['get']
>;
/** POST /api/challenges/{id}/submit, request body */
export const POST_api_challenges_id_submit_body: Request<Community['/api/challenges/{id}/submit']['post']> =
  {} as Seed.ChallengeSubmitRequest;

// 2.3 Voice chat
/** POST /api/studio/{id}/voice, answer */
export const POST_api_studio_id_voice: Seed.StudioVoiceResponse = {} as Answer<
  StudioCollab['/api/studio/{id}/voice']['post']
>;

// 2.4 Analytics dashboard
/** GET /api/analytics/dashboard, answer */
export const GET_api_analytics_dashboard: Seed.AnalyticsDashboardResponse = {} as Answer<
  AnalyticsIngest['/api/analytics/dashboard']['get']
>;
/** GET /api/analytics/mashup/{id}, answer */
export const GET_api_analytics_mashup_id: Seed.AnalyticsMashupResponse = {} as Answer<
  AnalyticsIngest['/api/analytics/mashup/{id}']['get']
>;

// 2.5 Trending sounds
/** GET /api/trends, answer */
export const GET_api_trends: Seed.TrendsResponse = {} as Answer<Trends['/api/trends']['get']>;

// 4.1 Gamification
/** GET /api/gamification/profile, answer */
export const GET_api_gamification_profile: Seed.GamificationProfileResponse = {} as Answer<
  Community['/api/gamification/profile']['get']
>;

// 3.1 AI vocals
/** POST /api/ai/vocals/generate, request body */
export const POST_api_ai_vocals_generate_body: Request<AudioPipeline['/api/ai/vocals/generate']['post']> =
  {} as Seed.VocalsGenerateRequest;
/** POST /api/ai/vocals/generate, answer */
export const POST_api_ai_vocals_generate: Seed.VocalsGenerateResponse = {} as Answer<
  AudioPipeline['/api/ai/vocals/generate']['post']
>;
/** GET /api/ai/vocals/{jobId}, answer */
export const GET_api_ai_vocals_jobId: Seed.VocalsStatusResponse = {} as Answer<
  AudioPipeline['/api/ai/vocals/{jobId}']['get']
>;
