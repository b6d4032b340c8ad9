//! Paginators of `@paginated` operations: pages (each a call), and the items of every page.
//! A paginator stops after a page without a next token, or whose token is the one it sent
//! (a service that would return the same page forever).

use super::call::Operation;
use super::{OperationError, SdkError};

/// Sets the input's token member.
pub type SetToken<I> = fn(&mut I, String);
/// Reads the output's token, at its path.
pub type NextToken<O> = fn(&O) -> Option<&str>;
/// Takes the output's items, at their path.
pub type TakeItems<O, T> = fn(O) -> Vec<T>;

/// What a paginator needs of its operation.
pub struct Pagination<I, O, E> {
    pub operation: Operation<I, O, E>,
    pub set_token: SetToken<I>,
    pub next_token: NextToken<O>,
}

/// Where a paginator is.
struct Cursor<I> {
    /// The next page's input; `Err` when the input could not be built.
    input: Option<Result<I, crate::error::BuildError>>,
    /// The token sent for the current page.
    sent: Option<String>,
}

impl<I> Cursor<I> {
    /// The next input, or the error that ends the pages; `None` when done.
    fn take<E>(&mut self) -> Option<Result<I, SdkError<E>>> {
        self.input.take().map(|i| i.map_err(SdkError::Build))
    }

    /// After a call with `input`: on success the next input (as `advance` decides); the
    /// result is the page. An error ends the pages (`take` already emptied the cursor).
    fn settle<O, E>(
        &mut self,
        input: I,
        result: Result<O, SdkError<E>>,
        pagination: &Pagination<I, O, E>,
    ) -> Result<O, SdkError<E>> {
        if let Ok(output) = &result {
            self.advance(input, output, pagination.next_token, pagination.set_token);
        }
        result
    }

    /// After a page: the next input, unless the token is missing, empty or repeated.
    fn advance<O>(&mut self, mut input: I, output: &O, pagination_next: NextToken<O>, set: SetToken<I>) {
        match pagination_next(output) {
            Some(token) if !token.is_empty() && self.sent.as_deref() != Some(token) => {
                let token = token.to_owned();
                set(&mut input, token.clone());
                self.sent = Some(token);
                self.input = Some(Ok(input));
            }
            _ => self.input = None,
        }
    }
}

/// The pages of a call on the blocking client: an iterator of outputs; an error ends it.
pub struct Pages<I, O, E> {
    client: crate::blocking::Client,
    pagination: Pagination<I, O, E>,
    cursor: Cursor<I>,
}

impl<I, O, E: OperationError> Pages<I, O, E> {
    #[doc(hidden)]
    pub fn new(
        client: crate::blocking::Client,
        input: Result<I, crate::error::BuildError>,
        pagination: Pagination<I, O, E>,
    ) -> Self {
        Pages {
            client,
            pagination,
            cursor: Cursor {
                input: Some(input),
                sent: None,
            },
        }
    }
}

impl<I, O, E: OperationError> Iterator for Pages<I, O, E> {
    type Item = Result<O, SdkError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        let input = match self.cursor.take()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        let result = self.client.invoke(&self.pagination.operation, &input);
        Some(self.cursor.settle(input, result, &self.pagination))
    }
}

/// The items of every page, in order; an error ends them.
pub struct Items<I, O, E, T> {
    pages: Pages<I, O, E>,
    take: TakeItems<O, T>,
    current: std::vec::IntoIter<T>,
}

impl<I, O, E: OperationError, T> Items<I, O, E, T> {
    #[doc(hidden)]
    pub fn new(pages: Pages<I, O, E>, take: TakeItems<O, T>) -> Self {
        Items {
            pages,
            take,
            current: Vec::new().into_iter(),
        }
    }
}

impl<I, O, E: OperationError, T> Iterator for Items<I, O, E, T> {
    type Item = Result<T, SdkError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = (self.take)(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The pages of a call on the async client: `while let Some(page) = pages.next().await`.
pub struct AsyncPages<I, O, E> {
    client: super::Client,
    pagination: Pagination<I, O, E>,
    cursor: Cursor<I>,
}

impl<I, O, E: OperationError> AsyncPages<I, O, E> {
    #[doc(hidden)]
    pub fn new(
        client: super::Client,
        input: Result<I, crate::error::BuildError>,
        pagination: Pagination<I, O, E>,
    ) -> Self {
        AsyncPages {
            client,
            pagination,
            cursor: Cursor {
                input: Some(input),
                sent: None,
            },
        }
    }

    /// The next page; `None` after the last.
    pub async fn next(&mut self) -> Option<Result<O, SdkError<E>>> {
        let input = match self.cursor.take()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        let result = self.client.invoke(&self.pagination.operation, &input).await;
        Some(self.cursor.settle(input, result, &self.pagination))
    }
}

/// The items of every page on the async client, in order; an error ends them:
/// `while let Some(item) = items.next().await`. An inherent `next` as [`AsyncPages`] has, so
/// that no stream trait (and its crate) is imposed on users of any executor.
pub struct AsyncItems<I, O, E, T> {
    pages: AsyncPages<I, O, E>,
    take: TakeItems<O, T>,
    current: std::vec::IntoIter<T>,
}

impl<I, O, E: OperationError, T> AsyncItems<I, O, E, T> {
    #[doc(hidden)]
    pub fn new(pages: AsyncPages<I, O, E>, take: TakeItems<O, T>) -> Self {
        AsyncItems {
            pages,
            take,
            current: Vec::new().into_iter(),
        }
    }

    /// The next item, calling for the next page when this one is used up; `None` after the
    /// last page's last item.
    pub async fn next(&mut self) -> Option<Result<T, SdkError<E>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.current = (self.take)(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
