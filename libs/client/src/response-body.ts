/** A response's body: parsed when it is JSON, else its text (an error page, a proxy's answer). */
export async function responseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
