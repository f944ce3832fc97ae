// Device type and OS from a User-Agent, for targeting (`device`, `os`). Coarse on purpose:
// connected TV, tablet, mobile, desktop.

export interface DeviceInfo {
  type: 'tv' | 'tablet' | 'mobile' | 'desktop' | 'unknown';
  os: string;
}

const TV = /SMART-?TV|SmartTV|Tizen|Web0S|webOS|HbbTV|Roku|\bAFT[A-Z]|BRAVIA|Apple ?TV|tvOS|CrKey|GoogleTV|Android TV|PlayStation|Xbox|VIDAA/i;

function osOf(ua: string): string {
  if (/Tizen/i.test(ua)) return 'tizen';
  if (/Web0S|webOS/i.test(ua)) return 'webos';
  if (/Roku/i.test(ua)) return 'roku';
  if (/\bAFT[A-Z]|Fire OS|Silk/i.test(ua)) return 'fireos';
  if (/Apple ?TV|tvOS/i.test(ua)) return 'tvos';
  if (/iPad/.test(ua)) return 'ipados';
  if (/iPhone|iPod|CPU OS \d/.test(ua)) return 'ios';
  if (/Android/i.test(ua)) return 'android';
  if (/CrOS/.test(ua)) return 'chromeos';
  if (/Windows/i.test(ua)) return 'windows';
  if (/Macintosh|Mac OS X/.test(ua)) return 'macos';
  if (/Linux|X11/.test(ua)) return 'linux';
  return 'other';
}

export function deviceOf(ua: string | undefined): DeviceInfo {
  if (!ua) return { type: 'unknown', os: 'other' };
  const os = osOf(ua);
  if (TV.test(ua)) return { type: 'tv', os };
  if (/iPad|Tablet|Kindle/i.test(ua) || (os === 'android' && !/Mobile/i.test(ua))) return { type: 'tablet', os };
  if (/Mobi|iPhone|iPod|Android/i.test(ua)) return { type: 'mobile', os };
  if (os === 'windows' || os === 'macos' || os === 'linux' || os === 'chromeos') return { type: 'desktop', os };
  return { type: 'unknown', os };
}
