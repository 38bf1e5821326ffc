import { expect } from 'chai';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { renderAllowListMap } from '../harness/targets/render-nginx-allow-list.ts';

describe('nginx allow-list rendering', () => {
  it('renders each DN anchored and escaped, in both RDN orders, with non-ASCII bytes as nginx prints them', () => {
    const lines = renderAllowListMap(
      { subjects: ['C=BR, L=São Paulo, CN=tpp1.demo.axway.com'], match: 'exact' },
      't',
    );
    expect(lines).to.deep.equal([
      '    # allowedSubjects (whole DN, anchored).',
      '    map $ssl_client_s_dn $mtlsc_subject_allowed {',
      '        default 0;',
      '        "~^C=BR,L=S\\\\\\\\C3\\\\\\\\A3o Paulo,CN=tpp1\\\\.demo\\\\.axway\\\\.com$" 1;',
      '        "~^CN=tpp1\\\\.demo\\\\.axway\\\\.com,L=S\\\\\\\\C3\\\\\\\\A3o Paulo,C=BR$" 1;',
      '    }',
    ]);
  });

  it('renders the unanchored flaw as ~CN=<value>', () => {
    const lines = renderAllowListMap(
      { subjects: ['/C=BR/CN=tpp1.demo.axway.com'], match: 'unanchored-regex' },
      't',
    );
    expect(lines).to.include('        "~CN=tpp1.demo.axway.com" 1;');
  });

  it('refuses a SAN entry in one line: nginx has no variable with the SANs', () => {
    let message = '';
    try {
      renderAllowListMap({ subjects: ['tpp1.demo.axway.com'], match: 'exact' }, 'edge');
    } catch (error) {
      expect(isHarnessError(error)).to.equal(true);
      message = (error as Error).message;
    }
    expect(message).to.equal(
      'Cannot render nginx.conf for target "edge". allowedSubjects entry "tpp1.demo.axway.com" is a SAN, and nginx has no variable with the client\'s SANs; write it as the DN nginx prints in $ssl_client_s_dn (CN=…,O=…,C=…).',
    );
  });
});
