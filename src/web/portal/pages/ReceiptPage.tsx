import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { TReceipt } from './report/ReportPage.js';

/** After a submit: the report number and receipt code, large, with copy and save buttons. */
export default function ReceiptPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const receipt = (location.state as { receipt?: TReceipt } | null)?.receipt;
  const [copied, setCopied] = useState(false);

  if (!receipt) {
    return (
      <>
        <h1>{t('receipt.title')}</h1>
        <p>{t('receipt.none')}</p>
        <Link to="/check">{t('nav.check')}</Link>
      </>
    );
  }

  const text = t('receipt.fileText', {
    reportNo: receipt.reportNo,
    code: receipt.receiptCode,
    url: `${window.location.origin}/check`,
  });

  async function copy() {
    try {
      await navigator.clipboard.writeText(`${receipt?.reportNo} ${receipt?.receiptCode}`);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function save() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `qinglang-${receipt?.reportNo}.txt`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <>
      <h1>{t('receipt.title')}</h1>
      <p className="lead">{t('receipt.thanks')}</p>
      <dl className="receipt">
        <div>
          <dt>{t('receipt.reportNo')}</dt>
          <dd className="receipt-value" data-testid="report-no">
            {receipt.reportNo}
          </dd>
        </div>
        <div>
          <dt>{t('receipt.code')}</dt>
          <dd className="receipt-value receipt-code" data-testid="receipt-code">
            {receipt.receiptCode}
          </dd>
        </div>
      </dl>
      <Alert type="warning" showIcon title={t('receipt.warningTitle')} description={t('receipt.warning')} />
      <div className="form-actions">
        <Button type="primary" onClick={() => void copy()}>
          {t('receipt.copy')}
        </Button>
        <Button onClick={save}>{t('receipt.save')}</Button>
      </div>
      <p role="status" className="muted">
        {copied ? t('receipt.copied') : ''}
      </p>
      <h2>{t('receipt.next.title')}</h2>
      <ol className="process">
        <li>{t('receipt.next.routed')}</li>
        <li>{t('receipt.next.reviewed')}</li>
        <li>{t('receipt.next.answer')}</li>
      </ol>
      <p>
        <Link to="/check">{t('receipt.checkLink')}</Link>
      </p>
    </>
  );
}
