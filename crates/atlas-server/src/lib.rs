//! NEV Atlas in a browser: `POST /api/<command>` with the command's arguments as the JSON body,
//! answered by the same [`atlas_api::dispatch`] the desktop window uses, and the built UI as static
//! files. It listens on 127.0.0.1 only, sends no CORS headers, and refuses with 403 any request
//! whose Host or Origin is not its own address, so other web pages cannot call it.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use atlas_api::{ApiError, ErrorCode};
use atlas_core::Atlas;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::Value;
use tower_http::services::ServeDir;

/// What every request handler shares.
#[derive(Clone)]
struct Shared {
    atlas: Arc<Mutex<Atlas>>,
    port: u16,
}

/// Builds the router for an atlas served on `port` with the UI from `ui_dir`.
pub fn router(atlas: Atlas, ui_dir: PathBuf, port: u16) -> Router {
    let shared = Shared { atlas: Arc::new(Mutex::new(atlas)), port };
    Router::new()
        .route("/api/{command}", post(api))
        .fallback_service(ServeDir::new(ui_dir))
        .layer(middleware::from_fn_with_state(shared.clone(), same_origin_only))
        .with_state(shared)
}

/// Binds 127.0.0.1:`port` (0 picks a free port) and returns the listener and its address.
pub async fn bind(port: u16) -> Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{port}"))?;
    let address = listener.local_addr()?;
    Ok((listener, address))
}

/// Serves until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> Result<()> {
    axum::serve(listener, router).await.context("serving HTTP")
}

async fn api(State(shared): State<Shared>, Path(command): Path<String>, body: axum::body::Bytes) -> Response {
    let args: Value = if body.is_empty() {
        Value::Object(Default::default())
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(e) => {
                return error_response(ApiError::invalid_argument(format!("the request body is not JSON: {e}")));
            }
        }
    };
    let atlas = shared.atlas.clone();
    let result = tokio::task::spawn_blocking(move || atlas_api::dispatch_shared(&atlas, &command, args)).await;
    match result {
        Ok(Ok(value)) => axum::Json(value).into_response(),
        Ok(Err(error)) => error_response(error),
        Err(join) => error_response(ApiError::internal(&anyhow::anyhow!("a request task failed: {join}"))),
    }
}

fn error_response(error: ApiError) -> Response {
    let status = match error.code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidArgument => StatusCode::BAD_REQUEST,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, axum::Json(error)).into_response()
}

/// Lets a request through only when its Host is this server's loopback address and its Origin,
/// when present, is the same. DNS-rebinding pages and other sites get 403.
async fn same_origin_only(State(shared): State<Shared>, headers: HeaderMap, request: Request, next: Next) -> Response {
    let own_hosts = [format!("127.0.0.1:{}", shared.port), format!("localhost:{}", shared.port)];
    let host_ok =
        headers.get(header::HOST).and_then(|h| h.to_str().ok()).is_some_and(|h| own_hosts.iter().any(|o| o == h));
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin.to_str().ok().is_some_and(|o| own_hosts.iter().any(|h| o == format!("http://{h}"))),
    };
    if host_ok && origin_ok {
        next.run(request).await
    } else {
        let error = ApiError {
            code: ErrorCode::Forbidden,
            message: "This server answers only pages it served itself.".to_string(),
        };
        (StatusCode::FORBIDDEN, axum::Json(error)).into_response()
    }
}
