//! Formatting on every core, starting while the crate is still being emitted.
//!
//! Token streams cannot cross threads. Each helper first emits and formats work of its own
//! (a share of the operations: [`OwnWork`]); once it is done, it gets files as text from the
//! thread that emits and parses them again (the same `syn::File`: the emitted tokens hold no
//! invisible groups). That thread keeps the free helpers' queue filled while it emits, then
//! formats the largest of what is left itself and hands the smallest out, so that all finish
//! at about the same time.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, TryLockError};

use super::render::{format_module, unparse_module, Job, RenderError};

/// Bytes of text queued for the helpers while emitting: about what they format in the time
/// the largest module takes to emit (formatting costs about three times as much per byte).
const QUEUED_WHILE_EMITTING: usize = 128 * 1024;
/// This much stays queued while this thread formats a file of its own.
const QUEUED_WHILE_FORMATTING: usize = 48 * 1024;

/// A file for a helper: where it goes, its module's path, its text.
type Text = (PathBuf, Vec<String>, String);

/// Files a helper made itself, before it takes any from the queue: given the helper's
/// number, what it wrote (emitted and formatted there: no text handed over, nothing lexed
/// again).
pub(super) type OwnWork<'a> =
    dyn Fn(usize) -> Vec<(PathBuf, Result<String, RenderError>)> + Sync + 'a;

/// Helpers with no work of their own.
pub(super) fn no_own_work(_: usize) -> Vec<(PathBuf, Result<String, RenderError>)> {
    Vec::new()
}

/// Formats the jobs `produce` adds, on this thread and `threads - 1` helpers, each helper
/// first doing `own` work, and this thread too once the jobs are done (with helpers, `own`
/// work is shared by whoever is free). Returns what `produce` returned and every formatted file.
pub(super) fn format_while<R>(
    threads: usize,
    own: &OwnWork<'_>,
    produce: impl FnOnce(&mut Formatter<'_>) -> R,
) -> (R, Result<Vec<(PathBuf, String)>, RenderError>) {
    let helpers = threads.saturating_sub(1);
    let (send, receive) = mpsc::channel::<Text>();
    let receive = Mutex::new(receive);
    let shared = Shared {
        receive: &receive,
        queued: AtomicUsize::new(0),
        unfinished_bytes: AtomicUsize::new(0),
        own_work_left: AtomicUsize::new(helpers),
    };
    std::thread::scope(|scope| {
        let shared = &shared;
        let handles: Vec<_> = (0..helpers)
            .map(|helper| {
                scope.spawn(move || {
                    let mut done = own(helper);
                    shared.own_work_left.fetch_sub(1, Ordering::SeqCst);
                    done.extend(shared.help());
                    done
                })
            })
            .collect();
        let mut formatter = Formatter {
            helpers,
            send: (helpers > 0).then_some(send),
            shared,
            pending: VecDeque::new(),
            done: Vec::new(),
            error: None,
        };
        let produced = produce(&mut formatter);
        let mut result = formatter.finish();
        if helpers > 0 {
            let mine = own(helpers);
            if let Ok(done) = &mut result {
                for (path, formatted) in mine {
                    match formatted {
                        Ok(text) => done.push((path, text)),
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
            }
        }
        for handle in handles {
            match handle.join() {
                Ok(files) => {
                    for (path, formatted) in files {
                        match (formatted, &mut result) {
                            (Ok(text), Ok(done)) => done.push((path, text)),
                            (Err(e), Ok(_)) => result = Err(e),
                            (_, Err(_)) => {}
                        }
                    }
                }
                Err(_) => result = Err(RenderError("a formatting thread panicked".into())),
            }
        }
        (produced, result)
    })
}

/// What the helpers and this thread share.
struct Shared<'a> {
    receive: &'a Mutex<mpsc::Receiver<Text>>,
    /// Files sent and not yet taken by a helper.
    queued: AtomicUsize,
    /// Bytes sent and not yet formatted.
    unfinished_bytes: AtomicUsize,
    /// Helpers still on their own work: text is handed out only when none is, since a file
    /// made into text and taken back is lexed for nothing.
    own_work_left: AtomicUsize,
}

impl Shared<'_> {
    /// A helper's loop: formats what it is sent until the sender is gone.
    fn help(&self) -> Vec<(PathBuf, Result<String, RenderError>)> {
        let mut done = Vec::new();
        loop {
            let next = self.receive.lock().ok().and_then(|r| r.recv().ok());
            let Some((path, module, text)) = next else {
                break;
            };
            self.queued.fetch_sub(1, Ordering::SeqCst);
            let formatted = syn::parse_file(&text)
                .map(|file| unparse_module(file, &module))
                .map_err(|e| RenderError(e.to_string()));
            self.unfinished_bytes
                .fetch_sub(text.len(), Ordering::SeqCst);
            done.push((path, formatted));
        }
        done
    }
}

/// Takes the files to format as they are emitted.
pub(super) struct Formatter<'a> {
    helpers: usize,
    send: Option<mpsc::Sender<Text>>,
    shared: &'a Shared<'a>,
    /// Files not yet formatted nor sent.
    pending: VecDeque<Job>,
    done: Vec<(PathBuf, String)>,
    error: Option<RenderError>,
}

impl Formatter<'_> {
    /// Formats `jobs`: at once without helpers, else later or on a helper.
    pub(super) fn add(&mut self, jobs: Vec<Job>) {
        if self.error.is_some() {
            return;
        }
        if self.helpers == 0 {
            for job in jobs {
                self.format_here(job);
            }
            return;
        }
        self.pending.extend(jobs);
        while self.helpers_free() && self.unfinished() < QUEUED_WHILE_EMITTING {
            let Some(next) = self.pending.pop_front() else {
                break;
            };
            self.send(next);
        }
    }

    fn helpers_free(&self) -> bool {
        self.shared.own_work_left.load(Ordering::SeqCst) == 0
    }

    fn unfinished(&self) -> usize {
        self.shared.unfinished_bytes.load(Ordering::SeqCst)
    }

    fn format_here(&mut self, job: Job) {
        match format_module(job.tokens, &job.module) {
            Ok(text) => self.done.push((job.path, text)),
            Err(e) => self.error = Some(e),
        }
    }

    fn send(&mut self, job: Job) {
        let Some(send) = &self.send else {
            return self.format_here(job);
        };
        let text = job.tokens.to_string();
        self.shared.queued.fetch_add(1, Ordering::SeqCst);
        self.shared
            .unfinished_bytes
            .fetch_add(text.len(), Ordering::SeqCst);
        if send.send((job.path, job.module, text)).is_err() {
            self.error = Some(RenderError("a formatting thread stopped".into()));
        }
    }

    /// Everything is added: formats the largest files here while free helpers take the
    /// smallest, then takes back what is still queued.
    fn finish(mut self) -> Result<Vec<(PathBuf, String)>, RenderError> {
        let mut pending: Vec<_> = std::mem::take(&mut self.pending).into();
        // Items at the top level, as a measure of size that needs no text.
        pending.sort_by_cached_key(|job| std::cmp::Reverse(job.tokens.clone().into_iter().count()));
        let mut pending = VecDeque::from(pending);
        while self.error.is_none() {
            let Some(next) = pending.pop_front() else {
                break;
            };
            while self.helpers_free() && self.unfinished() < QUEUED_WHILE_FORMATTING {
                let Some(smallest) = pending.pop_back() else {
                    break;
                };
                self.send(smallest);
            }
            self.format_here(next);
        }
        self.take_back();
        drop(self.send.take());
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.done),
        }
    }

    /// Formats here the files still queued. A helper holding the lock is waiting for a file
    /// only when none is queued; with some queued it takes one and lets go at once.
    fn take_back(&mut self) {
        while self.error.is_none() && self.shared.queued.load(Ordering::SeqCst) > 0 {
            let queue = match self.shared.receive.try_lock() {
                Ok(queue) => queue,
                Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    std::thread::yield_now();
                    continue;
                }
            };
            let Ok((path, module, text)) = queue.try_recv() else {
                continue;
            };
            drop(queue);
            self.shared.queued.fetch_sub(1, Ordering::SeqCst);
            self.shared
                .unfinished_bytes
                .fetch_sub(text.len(), Ordering::SeqCst);
            match syn::parse_file(&text) {
                Ok(file) => self.done.push((path, unparse_module(file, &module))),
                Err(e) => self.error = Some(RenderError(e.to_string())),
            }
        }
    }
}
