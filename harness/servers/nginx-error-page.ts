/** The refusals an nginx mTLS front answers with an error page. */
export type NginxRefusal = 'no-certificate' | 'certificate-error' | 'forbidden';

export interface NginxErrorPage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// nginx's texts for its internal codes 496 (NGX_HTTPS_NO_CERT) and 495 (NGX_HTTPS_CERT_ERROR), sent
// with status 400, and the plain 403 page (ngx_http_special_response.c), as nginx 1.22 sends them with
// `server_tokens off`: CRLF line ends, and `Connection: close` after the two 400s (nginx turns
// keep-alive off for them), checked byte for byte against a real nginx in the tests.
const pages: Record<NginxRefusal, { status: number; title: string; heading: string; text?: string }> = {
  'no-certificate': {
    status: 400,
    title: '400 No required SSL certificate was sent',
    heading: '400 Bad Request',
    text: 'No required SSL certificate was sent',
  },
  'certificate-error': {
    status: 400,
    title: '400 The SSL certificate error',
    heading: '400 Bad Request',
    text: 'The SSL certificate error',
  },
  forbidden: { status: 403, title: '403 Forbidden', heading: '403 Forbidden' },
};

export function nginxErrorPage(refusal: NginxRefusal): NginxErrorPage {
  const page = pages[refusal];
  const lines = [
    '<html>',
    `<head><title>${page.title}</title></head>`,
    '<body>',
    `<center><h1>${page.heading}</h1></center>`,
    ...(page.text === undefined ? [] : [`<center>${page.text}</center>`]),
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
  ];
  return {
    status: page.status,
    headers: {
      server: 'nginx',
      'content-type': 'text/html',
      ...(page.status === 400 ? { connection: 'close' } : {}),
    },
    body: lines.map((line) => `${line}\r\n`).join(''),
  };
}
