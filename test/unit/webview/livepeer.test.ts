import { strict as assert } from 'node:assert';
import { utc } from '../../../src/shared/format';
import { percent } from '../../../src/shared/format';
import { formatBitrate, formatElapsed, formatMediaDuration } from '../../../src/webview/livepeer/widgets';
import { rendererFor } from '../../../src/webview/platforms';
import { LIVEPEER_FIXTURES } from '../../emulator/livepeer/data';
import { all, click, openPage, type Page } from './helpers';
import { fixtureTask, relatedFor, renderLivepeer, text } from './livepeerHelpers';

describe('webview Livepeer task view', () => {
  let page: Page;
  beforeEach(() => (page = openPage()));
  afterEach(() => page.close());

  const show = (name: Parameters<typeof fixtureTask>[0], tweak?: (t: ReturnType<typeof fixtureTask>) => void) => {
    const task = fixtureTask(name);
    tweak?.(task);
    renderLivepeer(page, task, relatedFor(task));
    return task;
  };
  const posted = (type: string) => page.posted.filter((m) => m.type === type);

  it('is the livepeer renderer and renders in one synchronous head, with the same toolbar as Scale', () => {
    assert.notEqual(rendererFor('livepeer'), rendererFor('no-such-platform'));
    const task = show('completedUpload');
    // Both render reports are posted before render() returns: no progressive slices.
    assert.deepEqual(
      page.posted.map((m) => m.type === 'rendered' && m.phase),
      ['first', 'complete'],
    );
    assert.deepEqual(
      all(page.root, '.toolbar .tool').map((b) => b.getAttribute('data-command')),
      ['openJson', 'copyId', 'copyLink', 'refresh', 'revealInTree', 'pin'],
    );
    assert.equal(text(page.root.querySelector('.lp-header h1')), 'Upload');
    const id = page.root.querySelector('.lp-header .task-id');
    assert.equal(text(id), task.id);
    click(id as Element);
    assert.deepEqual(posted('copy'), [{ type: 'copy', text: task.id }]);
    const chip = page.root.querySelector('.lp-header .status-chip');
    assert.equal(text(chip), 'completed');
    assert.ok(chip?.classList.contains('status-completed'));
    assert.equal(page.root.querySelector('.callout'), null, 'no callout for a completed task');
    assert.equal(page.root.querySelector('progress'), null, 'no progress bar once completed');
  });

  it('failed upload: error callout right under the header with the message and the retry count', () => {
    show('failedUpload');
    const header = page.root.querySelector('.lp-header');
    const callout = header?.nextElementSibling;
    assert.ok(callout?.classList.contains('callout-error'), 'callout directly under the header');
    assert.equal(callout?.getAttribute('role'), 'alert');
    assert.match(text(callout), /Task failed/);
    assert.equal(text(callout?.querySelector('.lp-error-message')), 'unsupported input: the file is not a video (detected text/html)');
    assert.equal(text(callout?.querySelector('.lp-retries')), 'Automatic retries: 0');
    assert.ok(page.root.querySelector('.lp-header .status-chip.status-error'));
    assert.match(text(page.root.querySelector('.lp-output')), /This task has no output\./);
    // The output asset failed with the same message: its card says so too.
    const card = page.root.querySelector('.lp-asset-card');
    assert.ok(card?.querySelector('.status-chip.status-error'));
    assert.match(text(card?.querySelector('.callout-error')), /not a video/);
  });

  it('failed export after two retries, and a waiting export showing its last error as a warning', () => {
    show('failedRetriedExport');
    assert.equal(text(page.root.querySelector('.callout-error .lp-retries')), 'Automatic retries: 2');
    assert.match(text(page.root.querySelector('.callout-error')), /returned 503/);
    show('waitingExport');
    assert.equal(page.root.querySelector('.callout-error'), null);
    const warning = page.root.querySelector('.lp-header + .callout-warning');
    assert.match(text(warning), /Waiting to retry after an error/);
    assert.match(text(warning), /IPFS pin request timed out/);
    assert.match(text(warning), /Automatic retries: 1/);
    assert.ok(page.root.querySelector('.lp-header .status-chip.status-pending'));
  });

  it('completed transcode-file: params (masked s3 URLs as text, outputs, profiles) and output links that post openLink', () => {
    const base = 'https://gateway.example/ipfs/bafyout/';
    show('completedTranscode', (t) => {
      (t.output!.transcodeFile as Record<string, unknown>).baseUrl = base;
    });
    assert.equal(text(page.root.querySelector('.lp-header h1')), 'Transcode file');
    assert.equal(text(page.root.querySelector('.lp-type-wire')), 'transcode-file');
    const params = page.root.querySelector('.lp-params-transcode-file') as Element;
    assert.ok(params, 'params read from the kebab "transcode-file" key');
    assert.match(
      text(params.querySelector('.lp-f-input')),
      /^s3\+https:\/\/\*\*\*:\*\*\*@storage\.example\.com\/source-bucket\/source\.mp4/,
    );
    assert.equal(params.querySelector('.lp-f-input a'), null, 's3+https is not a link');
    assert.match(text(params.querySelector('.lp-f-outputs')), /HLS manifest \/out\/hls MP4 \/out\/mp4/);
    const profiles = params.querySelector('table.lp-profiles') as Element;
    assert.deepEqual(all(profiles, 'th').map(text), ['Name', 'Resolution', 'Bitrate', 'FPS']);
    assert.deepEqual(all(profiles, 'tbody td').map(text), ['720p', '1280×720', '3 Mbps', '30']);
    assert.match(text(params.querySelector('.lp-f-targetSegmentSizeSecs')), /^6 s$/);

    const output = page.root.querySelector('.lp-output-transcodeFile') as Element;
    assert.ok(output, 'output read from the camel "transcodeFile" key');
    const links = all(output, 'a.lp-link');
    assert.deepEqual(
      links.map((a) => a.getAttribute('href')),
      ['https://gateway.example/ipfs/bafyout/out/hls/index.m3u8', 'https://gateway.example/ipfs/bafyout/out/mp4/static720p0.mp4', base],
    );
    assert.equal(text(links[0]), '/out/hls/index.m3u8');
    const clickEvent = click(links[0]);
    assert.ok(clickEvent.defaultPrevented, 'the page never navigates');
    assert.deepEqual(posted('openLink'), [{ type: 'openLink', url: 'https://gateway.example/ipfs/bafyout/out/hls/index.m3u8' }]);
    assert.match(text(output.querySelector('.lp-f-input_video')), /Duration \S+ Size \d+(\.\d)? MB/);
    assert.ok(output.querySelector('.lp-f-request_id code'));
  });

  it('completed transcode-file without an http(s) base URL shows the paths as text', () => {
    show('completedTranscode');
    const output = page.root.querySelector('.lp-output-transcodeFile') as Element;
    assert.equal(output.querySelector('a'), null);
    assert.match(text(output), /\/out\/hls\/index\.m3u8/);
  });

  it('running clip: progress bar at 70%, clip strategy with exact times, the processing asset', () => {
    const task = show('runningClip');
    const bar = page.root.querySelector('.lp-progress progress') as HTMLProgressElement;
    assert.ok(bar, 'a native <progress>');
    assert.equal(bar.max, 1);
    assert.equal(bar.value, 0.7);
    assert.equal(bar.getAttribute('aria-label'), 'Task progress');
    assert.equal(text(page.root.querySelector('.lp-progress-value')), '70%');
    assert.equal(page.root.querySelector('[style]'), null, 'no inline style anywhere');
    assert.ok(page.root.querySelector('.lp-header .status-chip.status-running'));

    const cs = task.params!.clip!.clipStrategy!;
    const strategy = page.root.querySelector('.lp-params-clip .lp-f-clipStrategy') as Element;
    assert.match(text(strategy), new RegExp(`Playback id ${cs.playbackId}`));
    const times = all(strategy, 'time');
    assert.deepEqual(times.map(text), [utc(cs.startTime!), utc(cs.endTime!)]);
    assert.equal(times[0].getAttribute('datetime'), new Date(cs.startTime!).toISOString());
    assert.equal(text(strategy.querySelector('.lp-clip-length')), formatElapsed(cs.endTime! - cs.startTime!));
    assert.match(text(page.root.querySelector('.lp-header .facts')), /Requester [0-9a-f]{64}/);
    assert.match(text(page.root.querySelector('.lp-output')), /No output yet — the task is running/);

    const card = page.root.querySelector('.lp-asset-card') as Element;
    assert.ok(card.querySelector('.lp-asset-head .status-chip.status-running'));
    assert.equal(text(card.querySelector('.lp-asset-progress')), '70%');
  });

  it('a running task that was retried shows its retry count in the header', () => {
    show('runningClip', (t) => {
      t.status!.retries = 1;
    });
    assert.match(text(page.root.querySelector('.lp-header .facts')), /Retries 1/);
    show('runningClip');
    assert.doesNotMatch(text(page.root.querySelector('.lp-header .facts')), /Retries/, 'nothing to say with 0 retries');
  });

  it('running without reported progress: an indeterminate bar', () => {
    show('runningClip', (t) => {
      delete t.status!.progress;
    });
    const bar = page.root.querySelector('progress') as HTMLProgressElement;
    assert.ok(bar);
    assert.equal(bar.hasAttribute('value'), false);
    assert.match(text(page.root.querySelector('.lp-progress-value')), /no progress reported yet/);
  });

  it('timeline: created → scheduled → updated with relative text and exact UTC on hover', () => {
    const task = show('completedExport');
    const steps = all(page.root, '.lp-timeline > li');
    assert.deepEqual(
      steps.map((s) => text(s.querySelector('.lp-step-label'))),
      ['Created', 'Scheduled', 'Updated'],
    );
    assert.deepEqual(
      steps.map((s) => s.querySelector('time')?.getAttribute('title')),
      [utc(task.createdAt!), utc(task.scheduledAt!), utc(task.status!.updatedAt!)],
    );
    assert.match(text(steps[1]), new RegExp(`after ${formatElapsed(task.scheduledAt! - task.createdAt!)}`));
  });

  it('pending direct upload: not scheduled yet, no progress bar, no output yet', () => {
    show('pendingUpload');
    const steps = all(page.root, '.lp-timeline > li');
    assert.match(text(steps[1]), /Scheduled not scheduled yet/);
    assert.ok(steps[1].classList.contains('lp-step-future'));
    assert.equal(page.root.querySelector('progress'), null);
    assert.match(text(page.root.querySelector('.lp-output')), /No output yet — the task is pending/);
    assert.ok(page.root.querySelector('.lp-header .status-chip.status-pending'));
  });

  it('completed upload: source URL link, produced asset spec, and the output asset card with playback/download links', () => {
    const task = show('completedUpload');
    const src = page.root.querySelector('.lp-params-upload .lp-f-url a');
    assert.equal(src?.getAttribute('href'), task.params!.upload!.url);
    assert.match(text(page.root.querySelector('.lp-params-upload')), /Thumbnails Yes/);
    const spec = page.root.querySelector('.lp-output-upload .lp-asset-spec') as Element;
    assert.match(text(spec), /Produced asset Name intro/);
    assert.match(text(spec.querySelector('.lp-f-size')), /MB|GB/);
    assert.match(text(spec.querySelector('.lp-f-hash')), /md5 [0-9a-f]{32}/);
    assert.equal(all(spec, '.lp-tracks li').length, 2);

    const card = page.root.querySelector('.lp-asset-card') as Element;
    const asset = relatedFor(task)[0].raw as Record<string, unknown>;
    assert.equal(text(card.querySelector('.lp-asset-role')), 'Output asset');
    assert.equal(text(card.querySelector('.lp-asset-name')), 'intro');
    assert.ok(card.querySelector('.lp-asset-head .status-chip.status-completed'));
    assert.match(text(card.querySelector('.lp-f-playbackId')), new RegExp(String(asset.playbackId)));
    assert.match(text(card.querySelector('.lp-f-videoSpec_duration')), /^\d+:\d\d$/, 'duration from videoSpec');
    assert.ok(card.querySelector('.lp-f-size'));
    const hrefs = all(card, '.lp-fields a').map((a) => a.getAttribute('href'));
    assert.ok(hrefs.includes(String(asset.playbackUrl)) && hrefs.includes(String(asset.downloadUrl)), hrefs.join());
    click(card.querySelector('.lp-f-downloadUrl a') as Element);
    assert.deepEqual(posted('openLink'), [{ type: 'openLink', url: asset.downloadUrl }]);
    click(card.querySelector('button.lp-reveal') as Element);
    assert.deepEqual(posted('command'), [{ type: 'command', name: 'revealInTree' }]);
    assert.ok(!card.querySelector('details.lp-all-fields')?.hasAttribute('open'), 'all fields folded');
    // The asset id is on its card, so the header does not repeat it.
    assert.doesNotMatch(text(page.root.querySelector('.lp-header .facts')), /Output asset/);
  });

  it('export: input asset card, IPFS CIDs and gateway links; ipfs:// URLs stay text', () => {
    show('completedExport');
    const out = page.root.querySelector('.lp-output-export') as Element;
    assert.match(text(out), /Video CID bafybei/);
    const gateway = out.querySelector('.lp-f-videoFileGatewayUrl a');
    assert.match(gateway?.getAttribute('href') ?? '', /^https:\/\/ipfs-gateway\.example\/ipfs\/bafybei/);
    assert.equal(out.querySelector('.lp-f-videoFileUrl a'), null);
    assert.match(text(out.querySelector('.lp-f-videoFileUrl')), /^ipfs:\/\//);
    assert.equal(text(page.root.querySelector('.lp-asset-card .lp-asset-role')), 'Input asset');
  });

  it('legacy import and legacy transcode are shown as themselves, marked legacy', () => {
    show('legacyImport');
    assert.equal(text(page.root.querySelector('.lp-header h1')), 'Import');
    assert.equal(text(page.root.querySelector('.lp-header .lp-legacy')), 'legacy');
    assert.ok(page.root.querySelector('.lp-params-import .lp-f-url a'));
    assert.match(text(page.root.querySelector('.lp-output-import .lp-asset-spec')), /Name old-import/);
    show('legacyTranscode');
    assert.equal(text(page.root.querySelector('.lp-header h1')), 'Transcode');
    assert.ok(page.root.querySelector('.lp-header .lp-legacy'));
    assert.deepEqual(all(page.root, '.lp-params-transcode .lp-profiles tbody td').map(text), ['480p', '854×480', '1.2 Mbps', '30']);
    assert.deepEqual(all(page.root, '.lp-asset-role').map(text), ['Input asset', 'Output asset']);
  });

  it('an unknown type and an unknown phase are shown as themselves, neutral, with their fields', () => {
    show('unknownType');
    assert.equal(text(page.root.querySelector('.lp-header h1')), LIVEPEER_FIXTURES.unknownType);
    assert.equal(text(page.root.querySelector('.lp-header .lp-unknown-type')), 'unknown type');
    assert.equal(page.root.querySelector('.lp-header .lp-legacy'), null);
    assert.match(text(page.root.querySelector('.lp-params-transcribe')), /language en model whisper-large-v3/);
    assert.equal(page.root.querySelector('.lp-output-transcribe a')?.getAttribute('href'), 'https://playback.example/captions/en.vtt');

    show('unknownPhase');
    const chip = page.root.querySelector('.lp-header .status-chip');
    assert.equal(text(chip), LIVEPEER_FIXTURES.unknownPhase);
    assert.ok(chip?.classList.contains('status-unknown'));
    assert.equal(page.root.querySelector('.callout'), null);
    assert.match(text(page.root.querySelector('.lp-output')), /the task is paused/);
  });

  it('a missing asset gets a card saying why, still with its id and a reveal button', () => {
    const task = show('missingOutputAsset');
    const card = page.root.querySelector('.lp-asset-card.lp-asset-missing') as Element;
    assert.ok(card);
    assert.equal(text(card.querySelector('.lp-asset-role')), 'Output asset');
    assert.match(text(card.querySelector('.lp-asset-id')), new RegExp(task.outputAssetId!));
    assert.match(text(card.querySelector('.callout-warning')), /This asset could not be loaded.*Not found \(404\)/);
    click(card.querySelector('button.lp-reveal') as Element);
    assert.deepEqual(posted('command'), [{ type: 'command', name: 'revealInTree' }]);
    // A missing problem text still explains.
    renderLivepeer(page, task, [{ label: 'Output asset', type: 'asset', id: 'x', raw: null }]);
    assert.match(text(page.root.querySelector('.lp-asset-missing .callout')), /No details were returned/);
  });

  it('export whose input asset was deleted: failure callout and a missing input card', () => {
    show('deletedInputExport');
    assert.match(text(page.root.querySelector('.callout-error')), /task cancelled, asset has been deleted/);
    assert.equal(text(page.root.querySelector('.lp-asset-missing .lp-asset-role')), 'Input asset');
  });

  it('without related documents the asset ids are in the header facts, and there is no assets section', () => {
    const task = fixtureTask('completedUpload');
    renderLivepeer(page, task);
    assert.match(text(page.root.querySelector('.lp-header .facts')), new RegExp(`Output asset ${task.outputAssetId}`));
    assert.equal(page.root.querySelector('.lp-assets'), null);
  });

  it('tolerates odd shapes: wrong types, missing status, the old top-level clip, a non-object task', () => {
    renderLivepeer(page, {
      id: 'odd',
      type: 'clip',
      createdAt: 'yesterday',
      clip: { clipStrategy: { playbackId: 'pb1', startTime: 5000, endTime: 20_000 } },
      params: { upload: { url: 42, profiles: 'all', c2pa: 'yes' } },
      output: 'nothing',
    });
    assert.equal(text(page.root.querySelector('.lp-header h1')), 'Clip');
    assert.equal(text(page.root.querySelector('.lp-header .status-chip')), '?');
    assert.match(text(page.root.querySelector('.lp-timeline')), /Created yesterday/);
    assert.match(text(page.root.querySelector('.lp-params-clip')), /Playback id pb1 Start 5 s \(offset\) End 20 s \(offset\) Length 15 s/);
    assert.match(text(page.root.querySelector('.lp-params-upload')), /Source URL 42 C2PA signing yes Profiles all/);
    assert.match(text(page.root.querySelector('.lp-output')), /nothing/);
    renderLivepeer(page, ['not', 'a', 'task']);
    assert.ok(page.root.querySelector('.generic-fields'), 'falls back to the generic view');
  });

  it('masks secret-looking fields (export headers, pinata) unless secrets are revealed', () => {
    const task = fixtureTask('completedExport');
    task.params = {
      export: { custom: { url: 'https://uploads.example.com/x', method: 'PUT', headers: { Authorization: 'Bearer s3cr3t' } } },
    };
    renderLivepeer(page, task);
    assert.ok(!page.text().includes('s3cr3t'));
    assert.ok(page.root.querySelector('.lp-params-export .masked'));
    renderLivepeer(page, task, undefined, { revealSecrets: true });
    assert.ok(page.text().includes('Bearer s3cr3t'));
  });

  it('formats durations, bitrates and progress', () => {
    assert.equal(formatElapsed(350), '350 ms');
    assert.equal(formatElapsed(1900), '1.9 s');
    assert.equal(formatElapsed(45_000), '45 s');
    assert.equal(formatElapsed(245_000), '4 min 5 s');
    assert.equal(formatElapsed(2 * 3600_000 + 180_000), '2 h 3 min');
    assert.equal(formatMediaDuration(12.5), '12.5 s');
    assert.equal(formatMediaDuration(245), '4:05');
    assert.equal(formatMediaDuration(3723), '1:02:03');
    assert.equal(formatBitrate(3_000_000), '3 Mbps');
    assert.equal(formatBitrate(128_000), '128 kbps');
    assert.equal(percent(0.999), '99%');
    assert.equal(percent(1.5), '100%');
  });
});
