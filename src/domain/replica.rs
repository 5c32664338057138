//! Where a Litestream replica of the database goes, and the configuration
//! that streams the database there. steerco writes the configuration; the
//! replication itself is Litestream's.

use std::path::{Path, PathBuf};

/// A replica's address, as `steerco replicate config --to URL` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplicaUrl {
    /// A folder: `file:///srv/backup/steerco` (on another disk, or a mounted share).
    File(PathBuf),
    /// S3 or an S3-compatible store: `s3://bucket/path`.
    S3 { bucket: String, path: String },
    /// Another machine over SSH: `sftp://user@host/path`.
    Sftp(String),
}

impl ReplicaUrl {
    pub fn parse(text: &str) -> Result<ReplicaUrl, String> {
        let text = text.trim();
        let bad = |why: &str| {
            format!(
                "'{}' is not a replica address: {why}; write file:///PATH, s3://BUCKET/PATH or sftp://USER@HOST/PATH",
                crate::domain::text::visible_line(text)
            )
        };
        if let Some(path) = text.strip_prefix("file://") {
            let path = Path::new(path);
            if !path.is_absolute() {
                return Err(bad(
                    "a folder's path is absolute (three slashes: file:///srv/…)",
                ));
            }
            return Ok(ReplicaUrl::File(path.to_path_buf()));
        }
        if let Some(rest) = text.strip_prefix("s3://") {
            let (bucket, path) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(bad("it names no bucket"));
            }
            return Ok(ReplicaUrl::S3 {
                bucket: bucket.to_string(),
                path: path.trim_matches('/').to_string(),
            });
        }
        if let Some(rest) = text.strip_prefix("sftp://") {
            if rest.split('/').next().is_none_or(str::is_empty) {
                return Err(bad("it names no host"));
            }
            return Ok(ReplicaUrl::Sftp(text.to_string()));
        }
        Err(bad("steerco knows folders, S3 and SFTP"))
    }

    /// The URL as Litestream reads it.
    pub fn url(&self) -> String {
        match self {
            ReplicaUrl::File(path) => format!("file://{}", path.display()),
            ReplicaUrl::S3 { bucket, path } if path.is_empty() => format!("s3://{bucket}"),
            ReplicaUrl::S3 { bucket, path } => format!("s3://{bucket}/{path}"),
            ReplicaUrl::Sftp(url) => url.clone(),
        }
    }

    /// The URL as Litestream's `restore` and `ltx` read it, with an
    /// S3-compatible store's address (MinIO, moto) in its query: they take
    /// no configuration file for a URL.
    pub fn url_at(&self, endpoint: Option<&str>) -> Result<String, String> {
        match (self, endpoint) {
            (_, None) => Ok(self.url()),
            (ReplicaUrl::S3 { .. }, Some(endpoint)) => {
                let endpoint = check_endpoint(endpoint)?;
                Ok(format!(
                    "{}?endpoint={endpoint}&forcePathStyle=true",
                    self.url()
                ))
            }
            (_, Some(_)) => Err(
                "--endpoint names an S3-compatible store; a folder or SFTP replica has none"
                    .to_string(),
            ),
        }
    }

    /// A folder replica inside the database's own folder is on the same
    /// disk: it survives a bad edit, not a lost disk.
    pub fn beside(&self, database: &Path) -> bool {
        match (self, database.parent()) {
            (ReplicaUrl::File(path), Some(folder)) => path.starts_with(folder),
            _ => false,
        }
    }
}

/// An S3-compatible store's address: `http://10.0.0.5:9000`.
pub fn check_endpoint(endpoint: &str) -> Result<&str, String> {
    let endpoint = endpoint.trim();
    let scheme_ok = endpoint.starts_with("http://") || endpoint.starts_with("https://");
    let host = endpoint.split_once("://").map_or("", |(_, rest)| rest);
    if !scheme_ok
        || host.is_empty()
        || endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?&#\"'".contains(c))
    {
        return Err(format!(
            "'{}' is not a store's address; write http://HOST:PORT or https://HOST",
            crate::domain::text::visible_line(endpoint)
        ));
    }
    Ok(endpoint)
}

/// How often Litestream ships what was written: the most a lost machine can
/// take with it.
pub const SYNC_INTERVAL: &str = "1s";

/// The Litestream configuration that streams `database` (an absolute path) to `replica`.
pub fn litestream_config(database: &Path, replica: &ReplicaUrl, endpoint: Option<&str>) -> String {
    let mut out = String::from(
        "# Litestream configuration for steerco, from `steerco replicate config`.\n\
         # Run it beside steerco:  litestream replicate -config THIS_FILE\n\
         # steerco leaves SQLite's checkpoints as they are: passive ones as the log\n\
         # grows, and a full one only when the last connection closes, which while\n\
         # Litestream runs is Litestream's own. Nothing to change on either side.\n",
    );
    if matches!(replica, ReplicaUrl::S3 { .. }) {
        out.push_str(
            "# Credentials come from the environment: LITESTREAM_ACCESS_KEY_ID and\n\
             # LITESTREAM_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).\n",
        );
    }
    out.push_str("dbs:\n");
    out.push_str(&format!(
        "  - path: {}\n",
        yaml_string(&database.display().to_string())
    ));
    out.push_str("    replica:\n");
    out.push_str(&format!("      url: {}\n", yaml_string(&replica.url())));
    if let Some(endpoint) = endpoint {
        out.push_str(&format!("      endpoint: {}\n", yaml_string(endpoint)));
        // an S3 stand-in (MinIO, moto) serves buckets under its own path
        out.push_str("      force-path-style: true\n");
    }
    out.push_str(&format!("      sync-interval: {SYNC_INTERVAL}\n"));
    out
}

/// A YAML double-quoted string: a path with spaces or a colon stays one value.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replica_addresses_are_read_or_refused_with_the_forms_named() {
        assert_eq!(
            ReplicaUrl::parse("file:///srv/backup/steerco"),
            Ok(ReplicaUrl::File("/srv/backup/steerco".into()))
        );
        assert_eq!(
            ReplicaUrl::parse("s3://qms-backup/site-a/"),
            Ok(ReplicaUrl::S3 {
                bucket: "qms-backup".into(),
                path: "site-a".into()
            })
        );
        assert_eq!(
            ReplicaUrl::parse("s3://qms-backup").unwrap().url(),
            "s3://qms-backup"
        );
        assert!(ReplicaUrl::parse("sftp://qm@backup.example/steerco").is_ok());
        for (bad, says) in [
            ("file://backup", "absolute"),
            ("s3:///x", "no bucket"),
            ("sftp:///x", "no host"),
            ("gs://bucket", "folders, S3 and SFTP"),
            ("", "folders, S3 and SFTP"),
        ] {
            let err = ReplicaUrl::parse(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
            assert!(err.contains("file:///PATH, s3://BUCKET/PATH"), "{err}");
        }
    }

    #[test]
    fn a_folder_beside_the_database_is_told_apart_from_one_elsewhere() {
        let db = Path::new("/var/lib/steerco/steerco.sqlite");
        assert!(ReplicaUrl::File("/var/lib/steerco/replica".into()).beside(db));
        assert!(!ReplicaUrl::File("/mnt/backup/steerco".into()).beside(db));
        assert!(!ReplicaUrl::parse("s3://b/p").unwrap().beside(db));
    }

    #[test]
    fn the_configuration_names_the_database_and_the_replica_quoted() {
        let replica = ReplicaUrl::parse("s3://qms-backup/site-a").unwrap();
        let text = litestream_config(
            Path::new("/srv/qms data/steerco.sqlite"),
            &replica,
            Some("http://127.0.0.1:9000"),
        );
        assert!(
            text.contains("  - path: \"/srv/qms data/steerco.sqlite\"\n"),
            "{text}"
        );
        assert!(
            text.contains("      url: \"s3://qms-backup/site-a\"\n"),
            "{text}"
        );
        assert!(
            text.contains("      endpoint: \"http://127.0.0.1:9000\"\n"),
            "{text}"
        );
        assert!(text.contains("LITESTREAM_ACCESS_KEY_ID"), "{text}");
        assert!(text.contains("sync-interval: 1s"), "{text}");
    }
}
