//! Helpers for tests that run the real `rasid` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh temporary directory, removed on drop.
pub struct Dir(pub PathBuf);

impl Dir {
    pub fn new(name: &str) -> Dir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "rasid-test-{}-{}-{}",
            name,
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `rasid ARGS` with `stdin` as standard input.
pub fn rasid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasid"));
    cmd.args(args).current_dir(repo_root()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("run rasid");
    if let Some(bytes) = stdin {
        use std::io::Write;
        // The command may exit before reading (a usage error): ignore EPIPE.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The shared data folder (`RASID_SHARED`, else `../shared` beside the
/// repository), or `None` when it is absent and not required. With
/// `RASID_REQUIRE_SHARED=1` (as `.ci/run` sets) a missing folder fails the test.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("RASID_SHARED").map(PathBuf::from).unwrap_or_else(|| repo_root().join("../shared"));
    if p.join("README.md").exists() {
        return Some(p);
    }
    if std::env::var_os("RASID_REQUIRE_SHARED").is_some() {
        panic!("shared data not found at {} and RASID_REQUIRE_SHARED is set", p.display());
    }
    // Written to the stderr handle, not with eprintln!, so that the test
    // harness does not capture it: a skipped test says so in the output.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: shared data not found at {} (set RASID_SHARED)", p.display());
    None
}

/// The JSON documents printed by `rasid analyze --format json`.
pub fn json_docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document per line"))
        .collect()
}

/// Checks that every span object (`text`, `start`, `end`) anywhere in `v`
/// covers exactly its text in `original`, in characters. Returns the count.
pub fn check_spans(v: &serde_json::Value, original: &[char]) -> usize {
    let mut n = 0;
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(t), Some(s), Some(e)) = (m.get("text"), m.get("start"), m.get("end")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                assert!(s <= e && e <= original.len(), "span {s}..{e} out of range");
                let covered: String = original[s..e].iter().collect();
                assert_eq!(t.as_str().unwrap(), covered, "span {s}..{e}");
                n += 1;
            }
            for (k, x) in m {
                if k != "text" {
                    n += check_spans(x, original);
                }
            }
        }
        serde_json::Value::Array(a) => n += a.iter().map(|x| check_spans(x, original)).sum::<usize>(),
        _ => {}
    }
    n
}
