//! Paginators of `@paginated` operations: pages (each a call), and the items of every page.
//! A paginator stops after a page without a next token, or whose token is the one it sent
//! (a service that would return the same page forever).
//!
//! Everything here is generic over the operation's unit type (`client::fluent`); an
//! operation says only where its tokens and items are ([`Paginated`], [`PageItems`]).

use std::fmt;

use super::call::Spec;
use super::SdkError;

/// A `@paginated` operation: where its input takes the token and its output gives the next.
pub trait Paginated: Spec {
    /// Sets the input's token member.
    fn set_token(input: &mut Self::Input, token: String);
    /// Reads the output's token, at its path.
    fn next_token(output: &Self::Output) -> Option<&str>;
}

/// A paginated operation whose model names the items of a page.
pub trait PageItems: Paginated {
    type Item;
    /// Takes the output's items, at their path.
    fn take_items(output: Self::Output) -> Vec<Self::Item>;
}

/// What `into_paginator()` gives: the client and the first page's input, then `pages()` (or
/// `items()`) on either client.
pub struct Paginator<C, Op: Spec> {
    client: C,
    /// `Err` when the input could not be built: the first page is that error.
    input: Result<Op::Input, crate::error::BuildError>,
}

impl<C, Op: Spec> Paginator<C, Op> {
    #[doc(hidden)]
    pub fn new(client: C, input: Result<Op::Input, crate::error::BuildError>) -> Self {
        Paginator { client, input }
    }

    fn cursor(input: Result<Op::Input, crate::error::BuildError>) -> Cursor<Op::Input> {
        Cursor {
            input: Some(input),
            sent: None,
        }
    }
}

impl<C: Clone, Op: Spec> Clone for Paginator<C, Op>
where
    Op::Input: Clone,
{
    fn clone(&self) -> Self {
        Paginator {
            client: self.client.clone(),
            input: self.input.clone(),
        }
    }
}

impl<C: fmt::Debug, Op: Spec> fmt::Debug for Paginator<C, Op>
where
    Op::Input: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("client", &self.client)
            .field("input", &self.input)
            .finish()
    }
}

impl<Op: Paginated> Paginator<crate::blocking::Client, Op> {
    /// Every page, as an iterator: a call per page, as the iteration needs it.
    pub fn pages(self) -> Pages<Op> {
        Pages {
            client: self.client,
            cursor: Self::cursor(self.input),
        }
    }
}

impl<Op: PageItems> Paginator<crate::blocking::Client, Op> {
    /// The items of every page, in order (a call per page, as the iteration needs it).
    pub fn items(self) -> Items<Op> {
        Items {
            pages: self.pages(),
            current: Vec::new().into_iter(),
        }
    }
}

impl<Op: Paginated> Paginator<super::Client, Op> {
    /// Every page: `while let Some(page) = pages.next().await`.
    pub fn pages(self) -> AsyncPages<Op> {
        AsyncPages {
            client: self.client,
            cursor: Self::cursor(self.input),
        }
    }
}

impl<Op: PageItems> Paginator<super::Client, Op> {
    /// The items of every page, in order: `while let Some(item) = items.next().await`.
    pub fn items(self) -> AsyncItems<Op> {
        AsyncItems {
            pages: self.pages(),
            current: Vec::new().into_iter(),
        }
    }
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

    /// After a call with `input`: on success the next input (unless the token is missing,
    /// empty or repeated); the result is the page. An error ends the pages (`take` already
    /// emptied the cursor).
    fn settle<Op: Paginated<Input = I>>(
        &mut self,
        mut input: I,
        result: Result<Op::Output, SdkError<Op::Error>>,
    ) -> Result<Op::Output, SdkError<Op::Error>> {
        if let Ok(output) = &result {
            match Op::next_token(output) {
                Some(token) if !token.is_empty() && self.sent.as_deref() != Some(token) => {
                    let token = token.to_owned();
                    Op::set_token(&mut input, token.clone());
                    self.sent = Some(token);
                    self.input = Some(Ok(input));
                }
                _ => self.input = None,
            }
        }
        result
    }
}

/// The pages of a call on the blocking client: an iterator of outputs; an error ends it.
pub struct Pages<Op: Spec> {
    client: crate::blocking::Client,
    cursor: Cursor<Op::Input>,
}

impl<Op: Paginated> Iterator for Pages<Op> {
    type Item = Result<Op::Output, SdkError<Op::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        let input = match self.cursor.take()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        let result = self.client.invoke(&Op::operation(), &input);
        Some(self.cursor.settle::<Op>(input, result))
    }
}

/// The items of every page, in order; an error ends them.
pub struct Items<Op: PageItems> {
    pages: Pages<Op>,
    current: std::vec::IntoIter<Op::Item>,
}

impl<Op: PageItems> Iterator for Items<Op> {
    type Item = Result<Op::Item, SdkError<Op::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = Op::take_items(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The pages of a call on the async client: `while let Some(page) = pages.next().await`.
pub struct AsyncPages<Op: Spec> {
    client: super::Client,
    cursor: Cursor<Op::Input>,
}

impl<Op: Paginated> AsyncPages<Op> {
    /// The next page; `None` after the last.
    pub async fn next(&mut self) -> Option<Result<Op::Output, SdkError<Op::Error>>> {
        let input = match self.cursor.take()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        let result = self.client.invoke(&Op::operation(), &input).await;
        Some(self.cursor.settle::<Op>(input, result))
    }
}

/// The items of every page on the async client, in order; an error ends them:
/// `while let Some(item) = items.next().await`. An inherent `next` as [`AsyncPages`] has, so
/// that no stream trait (and its crate) is imposed on users of any executor.
pub struct AsyncItems<Op: PageItems> {
    pages: AsyncPages<Op>,
    current: std::vec::IntoIter<Op::Item>,
}

impl<Op: PageItems> AsyncItems<Op> {
    /// The next item, calling for the next page when this one is used up; `None` after the
    /// last page's last item.
    pub async fn next(&mut self) -> Option<Result<Op::Item, SdkError<Op::Error>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.current = Op::take_items(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
