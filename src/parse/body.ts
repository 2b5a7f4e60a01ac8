/**
 * Splits an AM record body on commas, quote-aware: LDAP DNs arrive as
 * `"cn=x,ou=y,dc=z"`, and `""` inside quotes is one quote. Every field is trimmed.
 */
export function splitBody(body: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = body.length;
  while (true) {
    while (i < n && body.charCodeAt(i) === 32) i++;
    if (i < n && body.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      while (j < n) {
        const q = body.indexOf('"', j);
        if (q === -1) {
          value += body.slice(j);
          j = n;
          break;
        }
        value += body.slice(j, q);
        if (body.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const comma = body.indexOf(',', j);
      // Text between the closing quote and the comma is kept rather than lost.
      const tail = comma === -1 ? body.slice(j) : body.slice(j, comma);
      fields.push((value + tail).trim());
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = body.indexOf(',', i);
      if (comma === -1) {
        fields.push(body.slice(i).trim());
        break;
      }
      fields.push(body.slice(i, comma).trim());
      i = comma + 1;
    }
  }
  return fields;
}
