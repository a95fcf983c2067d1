// Parameterized: the driver sends the id apart from the statement.
export const orderById = (db, id) => db.query('SELECT * FROM orders WHERE id = $1', [id]);
