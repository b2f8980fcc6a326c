import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import type { TActor } from '../org/access.policy.js';

let t: TestApp;
/** The registry needs an actor (for the cases it lists): one at the national centre sees every case. */
const NATIONAL = { departmentPath: 'cn' } as TActor;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function submit(description: string, category = 'fraud', targets: string[] = [], regionCode?: string) {
  const result = await t.services.intake.submit({
    channel: 'web',
    category,
    description,
    answers: category === 'fraud' ? { contactChannel: 'phone_call' } : {},
    targets,
    language: 'zh-CN',
    ...(regionCode ? { regionCode } : {}),
  });
  const { rows } = await t.db.pool.query<{ case_id: string; priority: string; dept: string }>(
    `SELECT r.case_id, c.priority, d.code AS dept FROM reports r JOIN cases c ON c.id = r.case_id
       JOIN departments d ON d.id = c.department_id WHERE r.id = $1`,
    [result.reportId],
  );
  return { ...result, caseId: rows[0]?.case_id as string, priority: rows[0]?.priority, dept: rows[0]?.dept };
}

describe('clustering reports into cases', () => {
  it('joins reports that write the same target differently into one case, and counts it in the registry', async () => {
    const a = await submit('假冒黄金交易平台骗了我8万，网址 https://www.Gold-Trap88.com/#/invest ，被骗了');
    const b = await submit('骗子网站 GOLD-TRAP88.COM 还在骗人，客服电话 175 9021 4463', 'fraud');
    const c = await submit(
      '金鼎诈骗平台 http://gold-trap88.com/?utm_source=wx 还在骗，电话17590214463',
      'pyramid',
    );
    expect(b.caseId).toBe(a.caseId);
    expect(c.caseId).toBe(a.caseId);
    expect(c.caseNo).toBe(a.caseNo);
    const {
      items: [entry],
    } = await t.services.targets.registry(NATIONAL, { q: 'domain|gold-trap88.com', limit: 50 });
    expect(entry).toMatchObject({
      reportCount: 3,
      caseCount: 1,
      cases: [{ id: a.caseId, caseNo: a.caseNo }],
      status: 'unverified',
    });
    const first = await t.db.pool.query(`SELECT report_id FROM case_first_reports WHERE case_id = $1`, [
      a.caseId,
    ]);
    expect(first.rows[0]?.report_id).toBe(a.reportId);
    const events = await t.db.pool.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY id`, [
      a.caseId,
    ]);
    expect(events.rows.map((e) => e.type)).toEqual(['report_received', 'report_joined', 'report_joined']);
  });

  it('stores a target that a report names several times, in several forms, once', async () => {
    const r = await submit(
      '骗子网址 https://www.Same-Twice.cn/pay?utm_source=sms 还在收钱，骗走3万',
      'fraud',
      ['HTTPS://WWW.same-twice.cn/pay', 'https://www.same-twice.cn/pay#top'],
    );
    const { rows } = await t.db.pool.query<{ target_key: string; derived: boolean }>(
      `SELECT target_key, derived FROM report_targets WHERE report_id = $1 ORDER BY target_key`,
      [r.reportId],
    );
    expect(rows).toEqual([
      { target_key: 'domain|same-twice.cn', derived: true },
      { target_key: 'url|https://www.same-twice.cn/pay', derived: false },
    ]);
  });

  it('looks up open cases only: a closed case leaves the look-up set, and comes back when reopened', async () => {
    const a = await submit('刷单返利诈骗，客服QQ 58812367，网址 refund-task77.top/login，骗了我两万');
    const keysOf = async (caseId: string) =>
      (
        await t.db.pool.query<{ target_key: string }>(
          `SELECT target_key FROM case_targets WHERE case_id = $1 ORDER BY 1`,
          [caseId],
        )
      ).rows.map((r) => r.target_key);
    const before = await keysOf(a.caseId);
    expect(before).toContain('domain|refund-task77.top');
    await t.db.pool.query(`UPDATE cases SET state = 'closed' WHERE id = $1`, [a.caseId]);
    expect(await keysOf(a.caseId)).toEqual([]);
    const b = await submit('又是 refund-task77.top 这个刷单网站骗人，QQ 58812367');
    expect(b.caseId).not.toBe(a.caseId);
    await t.db.pool.query(`UPDATE cases SET state = 'reopened' WHERE id = $1`, [a.caseId]);
    expect(await keysOf(a.caseId)).toEqual(before);
    const {
      items: [entry],
    } = await t.services.targets.registry(NATIONAL, { q: 'domain|refund-task77.top', limit: 50 });
    expect(entry).toMatchObject({ reportCount: 2, caseCount: 2 });
  });

  it('keeps two different scams apart when they share only a URL shortener or weixin.qq.com', async () => {
    const a = await submit('社保补贴钓鱼链接 https://t.cn/A1bCdEf ，要填银行卡和验证码');
    const b = await submit('ETC认证诈骗短信 t.cn/Z9yXwV 要输入银行卡号');
    const c = await submit('公众号文章骗人 https://mp.weixin.qq.com/s/AAAAaaaa1111 ，诈骗');
    const d = await submit(
      '假通知 https://mp.weixin.qq.com/s/BBBBbbbb2222?from=timeline 也是诈骗，weixin.qq.com',
    );
    const e = await submit('又一个链接 https://weixin.qq.com/ 和 https://t.cn 骗子');
    expect(new Set([a.caseId, b.caseId, c.caseId, d.caseId, e.caseId]).size).toBe(5);
  });

  it('does not join incompatible categories, and offers the other matching cases as possibly related', async () => {
    const a = await submit('谣言账号 微博 @wuhan_rumor_99 一直造谣', 'rumor');
    const b = await submit('这个账号 @wuhan_rumor_99 在微博辱骂我、骚扰我', 'bullying');
    const c = await submit('他在微博 @wuhan_rumor_99 卖淫秽视频', 'porn');
    expect(b.caseId).toBe(a.caseId);
    expect(c.caseId).not.toBe(a.caseId);
    const { rows } = await t.db.pool.query(
      `SELECT related_case_ids FROM report_triage WHERE report_id = $1`,
      [c.reportId],
    );
    expect(rows[0]?.related_case_ids).toEqual([a.caseId]);
  });
});

describe('triage', () => {
  it("raises the case a report joins to the report's priority, and never lowers it", async () => {
    const a = await submit('网站 https://refund-raise.example.cn 冒充客服，骗我交了三千元保证金');
    expect(a.priority).not.toBe('urgent');
    const b = await submit(
      '我此刻正在按 https://refund-raise.example.cn 客服的要求往“安全账户”转账，对方还在催',
    );
    expect(b.caseId).toBe(a.caseId);
    expect(b.priority).toBe('urgent');
    const c = await submit('https://refund-raise.example.cn 是骗人的网站，上个月骗了我的同事');
    expect(c.caseId).toBe(a.caseId);
    expect(c.priority).toBe('urgent');
  });

  it('raises a transfer in progress to urgent with its reason, and queues a job for the on-duty supervisor', async () => {
    const r = await submit(
      '我妈妈此刻正在银行柜台往“安全账户”转账，对方冒充民警，电话 021-6335 8012',
      'other',
    );
    expect(r.priority).toBe('urgent');
    const { rows } = await t.db.pool.query(
      `SELECT suggested_category, urgent, reasons, routing_basis FROM report_triage WHERE report_id = $1`,
      [r.reportId],
    );
    expect(rows[0]?.suggested_category).toBe('fraud');
    expect(rows[0]?.urgent).toBe(true);
    expect(rows[0]?.reasons.map((x: { rule: string }) => x.rule)).toContain('urgent.transfer_now');
    expect(rows[0]?.routing_basis).toBe('phone_area');
    const jobs = await t.db.pool.query(
      `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
        WHERE k.identifier = 'notify_urgent'`,
    );
    expect(jobs.rows.map((j) => j.payload.reportId)).toContain(r.reportId);
  });

  it('routes by a target’s known location (set by staff, audited) when nothing else says where', async () => {
    const first = await submit('虚假投资平台 hz-licai-fund.vip 骗钱，客服微信 licai_kefu88');
    expect(first.dept).not.toBe('HZ');
    const actor = { id: 'staff-1' } as Parameters<typeof t.services.targets.setLocation>[0];
    expect(await t.services.targets.setLocation(actor, 'domain|hz-licai-fund.vip', '330100')).toBe(true);
    expect(await t.services.targets.setLocation(actor, 'domain|never-seen.example', '330100')).toBe(false);
    // closed, so the next report opens a new case and is routed afresh
    await t.db.pool.query(`UPDATE cases SET state = 'closed' WHERE id = $1`, [first.caseId]);
    const next = await submit('还是 https://www.hz-licai-fund.vip/login 这个平台在骗人');
    expect(next.caseId).not.toBe(first.caseId);
    expect(next.dept).toBe('HZ');
    const { rows } = await t.db.pool.query(`SELECT routing_basis FROM report_triage WHERE report_id = $1`, [
      next.reportId,
    ]);
    expect(rows[0]?.routing_basis).toBe('target_location');
    const audit = await t.db.pool.query(
      `SELECT payload FROM audit_log WHERE action = 'target.location_set' AND subject_id = 'domain|hz-licai-fund.vip'`,
    );
    expect(audit.rows[0]?.payload).toEqual({ regionCode: '330100' });
  });

  it('routes by a landline area code when the reporter chose no region', async () => {
    const r = await submit('冒充客服诈骗，来电 0755-2331 8806', 'fraud');
    expect(r.dept).toBe('SZ');
  });

  it('does not raise a negated cue', async () => {
    const r = await submit('被骗了12000元，情绪低落，但未表示轻生。', 'fraud');
    const { rows } = await t.db.pool.query(`SELECT urgent FROM report_triage WHERE report_id = $1`, [
      r.reportId,
    ]);
    expect(rows[0]?.urgent).toBe(false);
  });
});
