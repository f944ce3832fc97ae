// The ad decision server's one error type and its registry of stable codes (documented in
// docs/errors/ads.md; a test checks every code has a row there).

export const ADS_ERRORS = {
  ADS_ADVERTISER_NOT_FOUND: { statusCode: 404, description: 'No advertiser with this id.' },
  ADS_CAMPAIGN_NOT_FOUND: { statusCode: 404, description: 'No campaign with this id.' },
  ADS_AD_NOT_FOUND: { statusCode: 404, description: 'No ad with this id.' },
  ADS_CREATIVE_NOT_FOUND: { statusCode: 404, description: 'No creative with this id (or its media file is gone).' },
  ADS_EXPERIMENT_NOT_FOUND: { statusCode: 404, description: 'No experiment with this id.' },
  ADS_CHANNEL_NOT_FOUND: { statusCode: 404, description: 'No settings stored for this channel.' },
  ADS_EXISTS: { statusCode: 409, description: 'An item of this kind with this id already exists.' },
  ADS_IN_USE: { statusCode: 409, description: 'The item cannot be deleted: other items refer to it (campaigns to an advertiser, ads to a campaign or creative).' },
  ADS_INVALID: { statusCode: 400, description: 'A field is missing, of the wrong type or out of range; the message and `details.field` name it.' },
  ADS_INVALID_TARGETING: { statusCode: 400, description: 'A targeting rule is malformed; the message and `details.path` say where.' },
  ADS_UNKNOWN_REFERENCE: { statusCode: 400, description: 'The item refers to an advertiser, campaign, creative or ad that does not exist.' },
  ADS_CREATIVE_INVALID: { statusCode: 400, description: 'The uploaded file is not a usable video ad: not an MP4 ffprobe can read, no video stream, an unsupported codec, or a duration or size out of range.' },
  ADS_CREATIVE_TOO_LARGE: { statusCode: 413, description: 'The uploaded file is larger than the configured limit.' },
  ADS_CREATIVE_UNSUPPORTED_TYPE: { statusCode: 415, description: 'A creative upload must be sent as `video/mp4` (or `application/octet-stream`) bytes.' },
  ADS_INVALID_REQUEST: { statusCode: 400, description: 'An ad request parameter is malformed (a negative or non-numeric duration, an unknown VAST version, …); the message names it.' },
  ADS_BEACON_INVALID: { statusCode: 403, description: 'A tracking beacon whose signature does not match its ad, session, event and time, or an unknown event.' },
  ADS_BEACON_EXPIRED: { statusCode: 410, description: 'A tracking beacon older than the beacon lifetime (or from the future).' },
} as const satisfies Record<string, { statusCode: number; description: string }>;

export type AdsErrorCode = keyof typeof ADS_ERRORS;

export class AdsError extends Error {
  readonly expose = true;
  readonly statusCode: number;

  constructor(
    readonly code: AdsErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AdsError';
    this.statusCode = ADS_ERRORS[code].statusCode;
  }
}
