/**
 * Every stored object carries two xkey tags besides its Surrogate-Key ones: one for "all"
 * and one for its key URL (base64url, since xkey splits on spaces and commas), so purges by
 * URL and of everything count what they removed and can be soft, like the Node edge's.
 */
export const ALL_TAG = 'hatago:all';
export const urlTag = (keyUrl: string) => `"hatago:url:" + blob.encode(BASE64URLNOPAD, blob=blob.decode(IDENTITY, encoded=${keyUrl}))`;
