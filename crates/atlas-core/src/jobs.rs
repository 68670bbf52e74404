//! Long analyses in the background: a job runs on its own thread, reports how far it is, and can
//! be cancelled; the caller polls it. Used for centrality on large graphs, so that no request (and
//! no window) waits for seconds of work.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::analytics::{Cancelled, Progress};

/// How many finished jobs are kept for their callers to collect; older ones are dropped.
const KEPT: usize = 16;

/// Where a job stands.
#[derive(Debug, Clone, PartialEq)]
pub enum JobState<T> {
    /// Still working: `done` of `total` steps.
    Running {
        done: u64,
        total: u64,
    },
    Done(T),
    Cancelled,
    /// The work failed or its thread could not start; the text is for the log.
    Failed(String),
}

/// One background job.
#[derive(Debug)]
struct Job<T> {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
    outcome: Mutex<Option<JobState<T>>>,
}

/// The background jobs of one kind of result, by number.
#[derive(Debug)]
pub struct Jobs<T> {
    next: AtomicU64,
    jobs: Mutex<BTreeMap<u64, Arc<Job<T>>>>,
}

impl<T> Default for Jobs<T> {
    fn default() -> Jobs<T> {
        Jobs { next: AtomicU64::new(1), jobs: Mutex::new(BTreeMap::new()) }
    }
}

impl<T: Clone + Send + 'static> Jobs<T> {
    /// Starts `work` on a new thread and returns the job's number. `work` gets a [`Progress`] that
    /// records its steps and stops it when the job is cancelled.
    pub fn start(&self, work: impl FnOnce(&mut Progress<'_>) -> Result<T, Cancelled> + Send + 'static) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let job = Arc::new(Job {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancel: AtomicBool::new(false),
            outcome: Mutex::new(None),
        });
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.insert(id, Arc::clone(&job));
            // Forget the oldest finished jobs beyond the ones kept.
            let finished: Vec<u64> = jobs
                .iter()
                .filter(|(_, j)| j.outcome.lock().map(|o| o.is_some()).unwrap_or(true))
                .map(|(id, _)| *id)
                .collect();
            for old in finished.iter().take(finished.len().saturating_sub(KEPT)) {
                jobs.remove(old);
            }
        }
        let worker = Arc::clone(&job);
        let spawned = std::thread::Builder::new().name(format!("atlas-job-{id}")).spawn(move || {
            let mut report = |done: u64, total: u64| {
                worker.done.store(done, Ordering::Relaxed);
                worker.total.store(total, Ordering::Relaxed);
            };
            let outcome = match work(&mut Progress::new(Some(&worker.cancel), Some(&mut report))) {
                Ok(value) => JobState::Done(value),
                Err(Cancelled) => JobState::Cancelled,
            };
            if let Ok(mut slot) = worker.outcome.lock() {
                *slot = Some(outcome);
            }
        });
        if let Err(error) = spawned
            && let Ok(mut slot) = job.outcome.lock()
        {
            *slot = Some(JobState::Failed(format!("cannot start a thread: {error}")));
        }
        id
    }

    /// Where job `id` stands, or `None` when there is no such job (or it was dropped).
    pub fn state(&self, id: u64) -> Option<JobState<T>> {
        let job = self.jobs.lock().ok()?.get(&id).cloned()?;
        let outcome = job.outcome.lock().ok()?.clone();
        Some(outcome.unwrap_or(JobState::Running {
            done: job.done.load(Ordering::Relaxed),
            total: job.total.load(Ordering::Relaxed),
        }))
    }

    /// Asks job `id` to stop; it does at its next step. False when there is no such job.
    pub fn cancel(&self, id: u64) -> bool {
        let job = self.jobs.lock().ok().and_then(|jobs| jobs.get(&id).cloned());
        job.map(|job| job.cancel.store(true, Ordering::Relaxed)).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait<T: Clone + Send + 'static>(jobs: &Jobs<T>, id: u64) -> JobState<T> {
        let start = Instant::now();
        loop {
            match jobs.state(id) {
                Some(JobState::Running { .. }) if start.elapsed() < Duration::from_secs(30) => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                other => return other.unwrap(),
            }
        }
    }

    #[test]
    fn a_job_reports_its_result() {
        let jobs = Jobs::default();
        let id = jobs.start(|progress| {
            progress.step(1, 2)?;
            Ok(42)
        });
        assert_eq!(wait(&jobs, id), JobState::Done(42));
        assert_eq!(jobs.state(id + 1), None);
    }

    #[test]
    fn a_cancelled_job_stops_at_its_next_step() {
        let jobs: Jobs<u32> = Jobs::default();
        let (started, release) = std::sync::mpsc::channel::<()>();
        let (go, gate) = std::sync::mpsc::channel::<()>();
        let id = jobs.start(move |progress| {
            started.send(()).ok();
            gate.recv().ok();
            for step in 0..1_000_000 {
                progress.step(step, 1_000_000)?;
            }
            Ok(1)
        });
        release.recv().unwrap();
        assert!(matches!(jobs.state(id), Some(JobState::Running { .. })));
        assert!(jobs.cancel(id));
        go.send(()).unwrap();
        assert_eq!(wait(&jobs, id), JobState::Cancelled);
        assert!(!jobs.cancel(999));
    }

    #[test]
    fn only_the_newest_finished_jobs_are_kept() {
        let jobs = Jobs::default();
        let ids: Vec<u64> = (0..(KEPT as u64 + 5))
            .map(|i| {
                let id = jobs.start(move |_| Ok(i));
                assert_eq!(wait(&jobs, id), JobState::Done(i));
                id
            })
            .collect();
        jobs.start(|_| Ok(0));
        assert_eq!(jobs.state(ids[0]), None, "the oldest finished job was dropped");
        assert!(matches!(jobs.state(*ids.last().unwrap()), Some(JobState::Done(_))));
    }
}
