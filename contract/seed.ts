/**
 * The seed plan's API (../shared/seed/backend-master-plan.md), transcribed once: the request bodies and response
 * shapes the frontend's TypeScript reads, field for field. Where the plan writes a bare name (`{ tier, status }`)
 * the type is what the plan's text and tables say it is; where it names a path without a shape (the AI Magic
 * Generator, the challenge engine) the type says only what the plan does. The services may answer more fields;
 * they may never answer these differently.
 */

// ---------------------------------------------------------------- 1.1 AI Magic Generator (shapes: the service's)

/** POST /api/mashup/ai: the plan names the path only. */
export interface MashupAiStartResponse {
  jobId: string;
}

/** GET /api/mashup/ai/:id: "Check status". */
export interface MashupAiStatusResponse {
  status: string;
}

// ---------------------------------------------------------------- 1.2 Billing

/** POST /api/billing/checkout */
export interface BillingCheckoutRequest {
  tier: 'pro' | 'studio';
  priceId: string;
}
export interface BillingCheckoutResponse {
  url: string;
}

/** POST /api/billing/portal */
export interface BillingPortalResponse {
  url: string;
}

/** GET /api/billing/subscription: `features[]`, the tier table's rows. */
export interface BillingSubscriptionResponse {
  tier: 'free' | 'pro' | 'studio';
  status: string;
  currentPeriodEnd: string | null;
  features: unknown[];
}

// ---------------------------------------------------------------- 1.3 Real-time collaboration

/** GET /api/projects/:id/collaborators */
export interface ProjectCollaboratorsResponse {
  users: Array<{
    id: string;
    name: string | null;
    avatar: string | null;
    color: string;
    cursor?: unknown;
  }>;
}

/** POST /api/projects/:id/join */
export interface ProjectJoinResponse {
  token: string;
  room: string;
}

// ---------------------------------------------------------------- 1.4 Auto-captions

/** POST /api/captions/generate */
export interface CaptionsGenerateRequest {
  mashupId: string;
  language?: string;
}
export interface CaptionsGenerateResponse {
  jobId: string;
}

/** GET /api/captions/:mashupId */
export interface CaptionsResponse {
  captions: {
    segments: Array<{ start: number; end: number; text: string }>;
    srt: string;
    vtt: string;
    txt: string;
  };
}

// ---------------------------------------------------------------- 2.1 Battles

/** GET /api/battles?status=active&page=1 */
export interface BattlesResponse {
  battles: Array<{ id: string; title: string; status: string; entryCount: number; endsAt: string }>;
}

/** GET /api/battles/:id */
export interface BattleResponse {
  battle: { id: string; title: string; description: string | null; theme: string | null; status: string; endsAt: string };
  entries: Array<{ id: string; user: unknown; mashup: unknown; votes: number | null; rank: number | null }>;
  userVote?: string;
}

/** POST /api/battles/:id/entries */
export interface BattleEntryRequest {
  mashupId: string;
}

/** POST /api/battles/:id/vote */
export interface BattleVoteRequest {
  entryId: string;
}

// ---------------------------------------------------------------- 2.2 Challenges (paths only in the plan)
// The plan names the paths and the tables; these shapes carry the tables' columns (camelCase) and, per the
// challenges issue, an entry's `user`, `mashup`, `score` and `rank`.

/** A challenge: the plan's `challenges` table. */
export interface Challenge {
  id: string;
  title: string;
  description: string | null;
  theme: string | null;
  type: string;
  stemPackId: string | null;
  startDate: string;
  endDate: string;
  status: string;
  rewardCredits: number;
  rewardBadgeId: string | null;
}

/** An entry of a challenge: the plan's `challenge_entries` row as its board shows it. */
export interface ChallengeEntry {
  id: string;
  user: unknown;
  mashup: unknown;
  score: number;
  rank: number;
  submittedAt: string;
}

/** GET /api/challenges/current */
export interface ChallengesCurrentResponse {
  challenges: Challenge[];
}

/** GET /api/challenges/:id/entries */
export interface ChallengeEntriesResponse {
  entries: ChallengeEntry[];
}

/** GET /api/challenges/:id/leaderboard */
export interface ChallengeLeaderboardResponse {
  entries: ChallengeEntry[];
}

/** POST /api/challenges/:id/submit */
export interface ChallengeSubmitRequest {
  mashupId: string;
}

// ---------------------------------------------------------------- 2.3 Voice chat

/** POST /api/studio/:id/voice */
export interface StudioVoiceResponse {
  roomUrl: string;
  token: string;
}

// ---------------------------------------------------------------- 2.4 Analytics

/** GET /api/analytics/dashboard */
export interface AnalyticsDashboardResponse {
  totalPlays: number;
  totalLikes: number;
  followers: number;
  topMashups: unknown[];
  playsOverTime: Array<{ date: string; plays: number }>;
  sources: Array<{ source: string; count: number }>;
  demographics: { age: unknown[]; location: unknown[] };
}

/** GET /api/analytics/mashup/:id */
export interface AnalyticsMashupResponse {
  plays: number;
  playTime: number;
  avgPlayDuration: number;
  dropOffPoints: Array<{ timestamp: number; percentage: number }>;
  peakConcurrent: number;
}

// ---------------------------------------------------------------- 2.5 Trending sounds

/** GET /api/trends?source=...&limit=20 */
export interface TrendsResponse {
  sounds: Array<{
    id: string;
    title: string;
    artist: string;
    source: string;
    rank: number;
    velocity: number;
    thumbnailUrl: string | null;
    previewUrl?: string | null;
  }>;
  updatedAt: string;
}

// ---------------------------------------------------------------- 3.1 AI vocals

/** POST /api/ai/vocals/generate */
export interface VocalsGenerateRequest {
  lyrics: string;
  style?: 'rap' | 'singing' | 'spoken';
  voiceId?: string;
  melodyRef?: string;
}
export interface VocalsGenerateResponse {
  jobId: string;
}

/** GET /api/ai/vocals/:jobId */
export interface VocalsStatusResponse {
  status: string;
  audioUrl?: string;
  error?: string;
}

// ---------------------------------------------------------------- 4.1 Gamification

/** GET /api/gamification/profile */
export interface GamificationProfileResponse {
  level: number;
  xp: number;
  xpToNextLevel: number;
  badges: Array<{ id: string; name: string; icon: string; earnedAt: string }>;
  streak: { current: number; longest: number };
  weeklyStats: { mashups: number; plays: number; likes: number };
}
