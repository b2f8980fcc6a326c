import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCallSubmitted } from '../types.js';

/** The report number and receipt code, large, for the operator to read back to the caller (shown once). */
export function Receipt({ result }: { result: TCallSubmitted }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel receipt" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title" ref={heading} tabIndex={-1}>
        {t('hotline.receipt.title')}
      </h2>
      <p>{t('hotline.receipt.readBack')}</p>
      <dl className="receipt-codes">
        <div>
          <dt>{t('hotline.receipt.reportNo')}</dt>
          <dd className="receipt-big" data-testid="receipt-report-no">
            {result.reportNo}
          </dd>
        </div>
        <div>
          <dt>{t('hotline.receipt.code')}</dt>
          <dd className="receipt-big" data-testid="receipt-code">
            {result.receiptCode}
          </dd>
        </div>
        <div>
          <dt>{t('hotline.receipt.caseNo')}</dt>
          <dd>{result.caseNo}</dd>
        </div>
      </dl>
      <p className="receipt-readback" data-testid="receipt-readback">
        {result.readBack}
      </p>
      <p>{t('hotline.receipt.once')}</p>
    </section>
  );
}
