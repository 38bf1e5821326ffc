import { expect } from 'chai';
import { renderApacheConf, type ApacheConfParams } from '../harness/targets/render-apache-conf.ts';
import { renderHaproxyCfg, type HaproxyCfgParams } from '../harness/targets/render-haproxy-cfg.ts';
import {
  renderJsseServerProperties,
  type JsseServerPropertiesParams,
} from '../harness/targets/render-jsse-server-properties.ts';

const apache: ApacheConfParams = {
  targetName: 'edge',
  listen: '127.0.0.1:8443',
  verifyClient: 'require',
  verifyDepth: 2,
  protocols: ['TLSv1.2', 'TLSv1.3'],
  trusts: ['ca1'],
  modulesDir: '/usr/lib/apache2/modules',
};
const haproxy: HaproxyCfgParams = {
  targetName: 'edge',
  listen: '127.0.0.1:8443',
  verify: 'required',
  protocols: ['TLSv1.2', 'TLSv1.3'],
  trusts: ['ca1'],
};
const jsse: JsseServerPropertiesParams = {
  targetName: 'edge',
  address: '127.0.0.1',
  port: 8443,
  clientAuth: 'need',
  protocols: ['TLSv1.2', 'TLSv1.3'],
  storeType: 'jks',
  trusts: ['ca1'],
};

describe('targets: the Apache, HAProxy and JSSE configs the providers render', function () {
  it('Apache: the knobs become the directives, a misconfiguration says so in the file, root gets User/Group', function () {
    expect(renderApacheConf({ ...apache, verifyClient: 'optional_no_ca' })).to.include(
      '# optional_no_ca: DOES NOT CHECK THE ISSUER.',
    );
    const legacy = renderApacheConf({ ...apache, protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] });
    expect(legacy).to.include('SSLProtocol           -all +TLSv1 +TLSv1.1 +TLSv1.2');
    expect(legacy).to.include('SSLCipherSuite        DEFAULT:@SECLEVEL=0');
    expect(renderApacheConf(apache)).not.to.include('SSLCipherSuite');
    expect(renderApacheConf(apache)).not.to.match(/^User /m);
    expect(renderApacheConf({ ...apache, runAs: { user: '#65534', group: '#65534' } })).to.include(
      'User #65534\nGroup #65534\n',
    );
    expect(renderApacheConf({ ...apache, verifyClient: 'none', trusts: [] })).not.to.include(
      'SSLCACertificateFile',
    );
  });

  it('HAProxy: verify, the ignore-err lists and the version range go on the bind line', function () {
    expect(renderHaproxyCfg({ ...haproxy, crtIgnoreErr: '10,20', caIgnoreErr: 'all' })).to.include(
      'bind 127.0.0.1:8443 ssl crt server.pem ca-file client-ca.pem verify required crt-ignore-err 10,20 ca-ignore-err all ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3',
    );
    expect(renderHaproxyCfg({ ...haproxy, protocols: ['TLSv1.1', 'TLSv1', 'TLSv1.2'] })).to.include(
      'ssl-min-ver TLSv1.0 ssl-max-ver TLSv1.2 ciphers DEFAULT:@SECLEVEL=0',
    );
    expect(renderHaproxyCfg({ ...haproxy, verify: 'none', trusts: [] })).to.include(
      'bind 127.0.0.1:8443 ssl crt server.pem verify none ssl-min-ver',
    );
  });

  it('JSSE: Spring Boot names, passwords as ${…} from the environment, no truststore without a CA', function () {
    const settings = renderJsseServerProperties({ ...jsse, storeType: 'pkcs12', clientAuth: 'want' });
    expect(settings).to.include('server.ssl.key-store=server.p12\nserver.ssl.key-store-type=PKCS12\n');
    expect(settings).to.include('server.ssl.trust-store-password=${TRUSTSTORE_PASSWORD}\n');
    expect(settings).to.include('server.ssl.client-auth=want\n');
    expect(renderJsseServerProperties({ ...jsse, clientAuth: 'none', trusts: [] })).not.to.include(
      'trust-store',
    );
  });

  const refusals: [string, () => string, string][] = [
    [
      'a negative SSLVerifyDepth',
      () => renderApacheConf({ ...apache, verifyDepth: -1 }),
      'Cannot render httpd.conf for target "edge". apache.verifyDepth must be a whole number of at least 0, got -1.',
    ],
    [
      'SSLVerifyClient require without a CA',
      () => renderApacheConf({ ...apache, trusts: [] }),
      'Cannot render httpd.conf for target "edge". SSLVerifyClient require needs at least one trusted CA; declare trusts (e.g. [ca1]).',
    ],
    [
      'no protocol for Apache',
      () => renderApacheConf({ ...apache, protocols: [] }),
      'Cannot render httpd.conf for target "edge". apache.protocols is empty; list TLSv1.2, TLSv1.3 or both.',
    ],
    [
      'an ignore-err value HAProxy would not parse',
      () => renderHaproxyCfg({ ...haproxy, crtIgnoreErr: 'expired' }),
      'Cannot render haproxy.cfg for target "edge". haproxy.crtIgnoreErr must be "all" or comma-separated OpenSSL error numbers such as "10,20"; got "expired".',
    ],
    [
      'HAProxy verify optional without a CA',
      () => renderHaproxyCfg({ ...haproxy, verify: 'optional', trusts: [] }),
      'Cannot render haproxy.cfg for target "edge". verify optional needs at least one trusted CA; declare trusts (e.g. [ca1]).',
    ],
    [
      'client-auth want without a CA',
      () => renderJsseServerProperties({ ...jsse, clientAuth: 'want', trusts: [] }),
      'Cannot write the JSSE server settings for target "edge". client-auth want needs at least one trusted CA in the truststore; declare trusts (e.g. [ca1]).',
    ],
  ];
  for (const [what, render, message] of refusals) {
    it(`refuses ${what} in one line naming the field`, function () {
      expect(render).to.throw(message);
    });
  }
});
