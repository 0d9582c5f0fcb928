//! The postal API's errors and their one mapping to API errors.

use crm360_kernel::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum PostalServiceError {
    #[error("between 1 and {max} addresses per call")]
    BatchSize { max: usize },
    #[error("address {index} has {lines} lines; an address has 1 to 6 lines")]
    LineCount { index: usize, lines: usize },
    #[error("address {index} has a line longer than {max} characters")]
    LineTooLong { index: usize, max: usize },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the run has not finished, or is not an RNVP run")]
    RunNotFinished,
    #[error("this duplicate group was already merged or dismissed")]
    GroupDecided,
    #[error("{}", .0.message)]
    Api(ApiError),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

impl From<ApiError> for PostalServiceError {
    fn from(err: ApiError) -> PostalServiceError {
        PostalServiceError::Api(err)
    }
}

impl From<PostalServiceError> for ApiError {
    fn from(err: PostalServiceError) -> ApiError {
        let message = err.to_string();
        match err {
            PostalServiceError::BatchSize { .. } => ApiError::invalid("addresses", "BATCH_SIZE", message),
            PostalServiceError::LineCount { .. } => ApiError::invalid("lines", "LINE_COUNT", message),
            PostalServiceError::LineTooLong { .. } => ApiError::invalid("lines", "TOO_LONG", message),
            PostalServiceError::NotFound(what) => ApiError::not_found(what),
            PostalServiceError::RunNotFinished => ApiError::conflict("RUN_NOT_FINISHED", message),
            PostalServiceError::GroupDecided => ApiError::conflict("GROUP_DECIDED", message),
            PostalServiceError::Api(api) => api,
            PostalServiceError::Db(db) => ApiError::from(db),
        }
    }
}
