import { Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface TShownSecret {
  /** 'key': a partner API key; 'webhook': the signing secret of a new webhook URL. */
  kind: 'key' | 'webhook';
  partnerName: string;
  value: string;
}

/**
 * Shows a secret the server returns only once (an API key or a webhook signing secret), with a copy button
 * and a warning that it cannot be shown again. Closing forgets it: the page keeps no copy.
 */
export function PartnerSecretDialog({ secret, onClose }: { secret?: TShownSecret; onClose(): void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const close = () => {
    setCopy('idle');
    onClose();
  };
  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(secret?.value ?? '');
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <Modal
      open={!!secret}
      title={secret ? t(`partners.secret.title.${secret.kind}`, { name: secret.partnerName }) : ''}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('partners.secret.done')}
        </Button>
      }
    >
      {secret && (
        <div data-testid="partner-secret">
          <p className="notice" role="alert">
            <strong>{t('partners.secret.once')}</strong> {t(`partners.secret.store.${secret.kind}`)}
          </p>
          <code className="secret" data-testid="partner-secret-value">
            {secret.value}
          </code>
          <div className="button-row">
            <Button onClick={() => void copyValue()}>{t('partners.secret.copy')}</Button>
          </div>
          <div role="status" className="status-line">
            {copy === 'copied' && t('partners.secret.copied')}
          </div>
          {copy === 'failed' && <p className="form-error">{t('partners.secret.copyFailed')}</p>}
        </div>
      )}
    </Modal>
  );
}
